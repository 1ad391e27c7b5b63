package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.TestData;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;

/** The bulk photo page (R15): who may open it, the per-file report in the user's language, refusals in words. */
@SpringBootTest
@AutoConfigureMockMvc
class PhotoArchivePageTest {

    @Autowired MockMvc mvc;
    @Autowired TestData testData;
    @Autowired PersonService persons;
    @Autowired PhotoMapper photos;
    @Autowired OrganisationService organisations;

    private MockHttpSession login(String username) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", username).param("password", "demo").with(csrf()))
                .andExpect(redirectedUrl("/"));
        return session;
    }

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theEmployerUploadsAZipAndReadsEachFilesOutcome() throws Exception {
        Person good = testData.person("吴刚", organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        String goodId = persons.idNumberOf(good.id()).value();
        byte[] blue = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        byte[] zip = TestPhotos.zip(StandardCharsets.UTF_8,
                "吴刚_" + goodId + ".jpg", blue,
                "无名_" + TestIdNumbers.randomResidentId() + ".jpg", blue,
                "readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        MockHttpSession employer = login("employer");
        assertThat(page(employer, "/")).contains("id=\"photo-archive-link\"");
        assertThat(page(employer, "/photos/archive")).contains("姓名_身份证号.jpg", "id=\"archive-form\"");

        String report = mvc.perform(multipart("/photos/archive")
                .file(new MockMultipartFile("archive", "photos.zip", "application/zip", zip)).session(employer).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(report).contains("共 3 个文件：已保存 1 个，未保存 2 个。", "已保存", "未保存",
                "您的管理范围内没有此身份证号的人员。", "文件名须为“姓名_身份证号.jpg”")
                .contains("吴刚_" + goodId.substring(0, 4) + "**********" + goodId.substring(14) + ".jpg")
                .doesNotContain(goodId);
        assertThat(photos.findCurrent(good.id())).isPresent();

        String english = mvc.perform(multipart("/photos/archive")
                .file(new MockMultipartFile("archive", "photos.zip", "application/zip", zip)).session(employer).with(csrf())
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("3 files: 1 stored, 2 not stored.", "Not stored");
    }

    @Test
    void badUploadsAreRefusedInWordsAndOnlyPhotoCollectorsMayUseThePage() throws Exception {
        MockHttpSession employer = login("employer");
        String missing = mvc.perform(multipart("/photos/archive").session(employer).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(missing).contains("请选择 ZIP 压缩文件。");
        String notZip = mvc.perform(multipart("/photos/archive")
                .file(new MockMultipartFile("archive", "a.zip", "application/zip", TestPhotos.jpeg(TestPhotos.ID_BLUE)))
                .session(employer).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(notZip).contains("无法读取此 ZIP 文件。");
        mvc.perform(multipart("/photos/archive")
                .file(new MockMultipartFile("archive", "a.zip", "application/zip", new byte[] {1})).session(employer))
                .andExpect(status().isForbidden());

        MockHttpSession holder = login("holder");
        assertThat(page(holder, "/")).doesNotContain("photo-archive-link");
        mvc.perform(get("/photos/archive").session(holder)).andExpect(status().isForbidden());
        mvc.perform(multipart("/photos/archive")
                .file(new MockMultipartFile("archive", "a.zip", "application/zip", new byte[] {1})).session(holder).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/photos/archive").session(login("supervisor"))).andExpect(status().isForbidden());
        mvc.perform(get("/photos/archive")).andExpect(status().is3xxRedirection());
        assertThat(page(login("committee"), "/")).contains("photo-archive-link");
    }
}
