package cn.titlecert.review;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class CalendarApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theCalendarIsReadableAndOnlyAdministratorsChangeIt() throws Exception {
        mvc.perform(get("/api/calendar/2026").with(httpBasic("employer", "demo"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OFFICIAL"))
                .andExpect(jsonPath("$.exceptions[?(@.calendarDate == '2026-10-10')].working").value(true));
        mvc.perform(get("/api/calendar/2027").with(httpBasic("employer", "demo")))
                .andExpect(jsonPath("$.status").value("PROVISIONAL"));
        mvc.perform(put("/api/admin/calendar/2027-02-07").with(httpBasic("bureau", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"working\":true}")).andExpect(status().isForbidden());
        mvc.perform(put("/api/admin/calendar/2027-02-07").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"working\":true,\"note\":\"调休上班\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.working").value(true));
        mvc.perform(put("/api/admin/calendar/2027-02-07").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"working\":false}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.working").value(false));
        mvc.perform(put("/api/admin/calendar/not-a-date").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"working\":false}")).andExpect(status().isBadRequest());
        mvc.perform(put("/api/admin/calendar/2027-02-08").with(httpBasic("admin", "demo"))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-request"));
    }
}
