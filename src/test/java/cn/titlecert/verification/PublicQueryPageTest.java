package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/** The public query page: no login, any two fields, one answer for "none" and "mismatch", the API's rate limit. */
@SpringBootTest
@AutoConfigureMockMvc
class PublicQueryPageTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Autowired MockMvc mvc;
    @Autowired IssuedCertificates issued;
    @Autowired PersonService persons;

    private static String newAddress() {
        return "10.77.0." + ADDRESSES.getAndIncrement();
    }

    private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
        return request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
    }

    private String query(String address, String name, String idNumber, String number, int status) throws Exception {
        return mvc.perform(from(address, post("/query").with(csrf()).param("name", name).param("idNumber", idNumber)
                .param("certificateNumber", number))).andExpect(status().is(status)).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void aStrangerFindsACertificateWithTwoFieldsAndSeesTheIdNumberMasked() throws Exception {
        Person person = issued.personWithPhoto("查询甲");
        String number = issued.issue(person.id()).certificate().number();
        String idNumber = persons.idNumberOf(person.id()).value();
        assertThat(mvc.perform(get("/query")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("query-form");

        String address = newAddress();
        String found = query(address, "查询甲", "", number, 200);
        assertThat(found).contains(number, person.idNumberMasked(), "有效证书").doesNotContain(idNumber);
        assertThat(query(address, "", idNumber, number, 200)).contains(number).doesNotContain(idNumber);

        String none = query(address, "查询乙", "", number, 200);
        String nothing = query(address, "查询甲", "", "C2099000000000001", 200);
        assertThat(none).contains("query-none").doesNotContain("query-result\"");
        assertThat(nothing).contains("query-none");
        assertThat(query(address, "", "", number, 400)).contains("query-error").doesNotContain("query-none");
    }

    @Test
    void thePageAndTheApiShareOneRateLimit() throws Exception {
        String address = newAddress();
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                query(address, "某人", "", "C2026000000000001", 200);
            } else {
                mvc.perform(from(address, post("/api/public/query").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"某人\",\"certificateNumber\":\"C2026000000000001\"}")))
                        .andExpect(status().isOk());
            }
        }
        assertThat(query(address, "某人", "", "C2026000000000001", 429)).contains("query-error");
        mvc.perform(from(address, post("/api/public/query").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"某人\",\"certificateNumber\":\"C2026000000000001\"}")))
                .andExpect(status().isTooManyRequests());
        query(newAddress(), "某人", "", "C2026000000000001", 200);
    }
}
