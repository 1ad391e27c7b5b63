package cn.titlecert.person;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The holder's photo page: rules shown, upload with the CSRF token, refusals explained on the page. */
@SpringBootTest
@AutoConfigureMockMvc
class PhotoPageTest {

    @Autowired
    MockMvc mvc;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    @Test
    void theHolderUploadsOnThePageAndSeesWhyAFileIsRefused() throws Exception {
        MockHttpSession session = login("holder");
        mvc.perform(get("/photo").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("不超过 600 KB")))
                .andExpect(content().string(containsString("id=\"photo-preview\"")));
        mvc.perform(multipart("/photo").file(new MockMultipartFile("photo", "me.jpg", "image/jpeg",
                TestPhotos.jpeg(TestPhotos.GREEN))).session(session).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("照片背景须为红色、蓝色或白色（浅灰色）纯色背景。")));
        mvc.perform(multipart("/photo").file(new MockMultipartFile("photo", "me.jpg", "image/jpeg",
                TestPhotos.jpeg(TestPhotos.ID_BLUE))).session(session))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/photo").file(new MockMultipartFile("photo", "me.jpg", "image/jpeg",
                TestPhotos.jpeg(TestPhotos.ID_BLUE))).session(session).with(csrf()))
                .andExpect(redirectedUrl("/photo"));
        mvc.perform(get("/").session(session)).andExpect(content().string(containsString("href=\"/photo\"")));
    }

    @Test
    void staffWithoutAPersonHaveNoPhotoPage() throws Exception {
        mvc.perform(get("/photo").session(login("employer"))).andExpect(status().isNotFound())
                .andExpect(content().string(not(containsString("photo-form"))));
        mvc.perform(get("/photo")).andExpect(status().is3xxRedirection());
    }
}
