package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.titlecert.TestData;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.Organisation;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.security.UserAccountMapper;

/** R15 over HTTP: every rule refuses with its message and stores nothing; who may upload and read whose photo. */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
@ExtendWith(OutputCaptureExtension.class)
class PhotoApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonService persons;

    @Autowired
    OrganisationService organisations;

    @Autowired
    UserAccountMapper accounts;

    @Autowired
    TestData testData;

    @Autowired
    ApplicationEvents events;

    private Organisation org(String code) {
        return organisations.findByCode(code).orElseThrow();
    }

    private long personId(String idNumber) {
        return persons.findByIdNumber(IdNumber.parse(IdType.RESIDENT_ID, idNumber, LocalDate.of(2026, 1, 1)))
                .orElseThrow().id();
    }

    private ResultActions put(long personId, String user, byte[] bytes, String filename, String contentType)
            throws Exception {
        return mvc.perform(multipart(HttpMethod.PUT, "/api/persons/" + personId + "/photo")
                .file(new MockMultipartFile("photo", filename, contentType, bytes)).with(httpBasic(user, "demo")));
    }

    private ResultActions put(long personId, String user, byte[] bytes) throws Exception {
        return put(personId, user, bytes, "photo.jpg", "image/jpeg");
    }

    private int photoRows(long personId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM photo WHERE person_id = ?", Integer.class, personId);
    }

    private long currentPhotoId(long personId) {
        return jdbc.queryForObject("SELECT id FROM photo WHERE person_id = ? AND current_photo = TRUE", Long.class, personId);
    }

    @Test
    void theHolderUploadsTheirPhotoReUploadReplacesItAndTheEventAnnouncesIt() throws Exception {
        long holder = accounts.findByUsername("holder").orElseThrow().personId();
        int before = photoRows(holder);
        byte[] blue = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        put(holder, "holder", blue).andExpect(status().isOk()).andExpect(jsonPath("$.width").value(390))
                .andExpect(jsonPath("$.height").value(500)).andExpect(jsonPath("$.uploadedBy").value("holder"));
        long first = currentPhotoId(holder);
        byte[] red = TestPhotos.jpeg(TestPhotos.ID_RED);
        put(holder, "holder", red).andExpect(status().isOk());
        long second = currentPhotoId(holder);
        assertThat(second).isNotEqualTo(first);
        assertThat(photoRows(holder)).as("the old photo is retired, not deleted").isEqualTo(before + 2);
        assertThat(events.stream(PhotoUploaded.class).toList())
                .containsExactly(new PhotoUploaded(holder, first), new PhotoUploaded(holder, second));

        byte[] served = mvc.perform(get("/api/persons/" + holder + "/photo").with(httpBasic("holder", "demo")))
                .andExpect(status().isOk()).andExpect(content().contentType("image/jpeg"))
                .andExpect(header().string("Cache-Control", org.hamcrest.Matchers.containsString("no-store")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(served).isEqualTo(red);
        Integer audited = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'PHOTO_UPLOADED' "
                + "AND entity_id = ? AND detail LIKE ?", Integer.class, String.valueOf(holder), "photo=" + second + " %");
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void everyRuleRefusesWithItsMessageInBothLanguagesAndStoresNothing() throws Exception {
        Person person = testData.person("周一", org("TJ-EMP-BHDZ"));
        long id = person.id();
        put(id, "employer", TestPhotos.jpeg(TestPhotos.GREEN)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("photo.background"))
                .andExpect(jsonPath("$.message").value("照片背景须为红色、蓝色或白色（浅灰色）纯色背景。"));
        mvc.perform(multipart(HttpMethod.PUT, "/api/persons/" + id + "/photo")
                .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", TestPhotos.jpeg(TestPhotos.GREEN)))
                .with(httpBasic("employer", "demo")).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("The photo needs a plain red, blue or white (light grey) background."));
        put(id, "employer", TestPhotos.jpeg(TestPhotos.ID_BLUE, 117, 150)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("photo.too-small"))
                .andExpect(jsonPath("$.message").value("照片不能小于 128 × 180 像素（此照片为 117 × 150 像素）。"));
        put(id, "employer", TestPhotos.jpeg(TestPhotos.ID_BLUE, 400, 400)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("photo.proportion"));
        // A PNG named .jpg and declared image/jpeg is still a PNG.
        put(id, "employer", TestPhotos.png(TestPhotos.ID_BLUE), "photo.jpg", "image/jpeg")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.not-jpeg"));
        put(id, "employer", TestPhotos.truncated()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("photo.corrupt"));
        put(id, "employer", TestPhotos.tooLarge()).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("photo.too-large"))
                .andExpect(jsonPath("$.message").value("照片不能超过 600 KB。"));
        mvc.perform(multipart(HttpMethod.PUT, "/api/persons/" + id + "/photo").with(httpBasic("employer", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.required"));
        assertThat(photoRows(id)).isZero();
        assertThat(events.stream(PhotoUploaded.class)).isEmpty();
        mvc.perform(get("/api/persons/" + id + "/photo").with(httpBasic("employer", "demo")))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("photo.not-found"));

        // A JPEG named .png with a wrong declared type is still a JPEG: only the bytes count.
        put(id, "employer", TestPhotos.jpeg(TestPhotos.WHITE), "photo.png", "application/octet-stream")
                .andExpect(status().isOk());
        assertThat(photoRows(id)).isEqualTo(1);
    }

    @Test
    void onlyTheHolderAndStaffWhoCollectPhotosInScopeMayUpload() throws Exception {
        byte[] blue = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        long li = personId("120103199008230023"); // 李梅, employed by the demo employer
        long zhao = personId("120110199201010042"); // 赵敏, the hospital's
        long chen = personId("120102198703150024"); // 陈静, a committee applicant at the demo employer
        long holder = accounts.findByUsername("holder").orElseThrow().personId();

        put(li, "holder", blue).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("person.not-found"));
        put(li, "holder", TestPhotos.tooLarge()).andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + holder + "/photo").with(httpBasic("employer", "demo"))).andExpect(status().isOk());
        mvc.perform(get("/api/persons/" + li + "/photo").with(httpBasic("holder", "demo"))).andExpect(status().isNotFound());
        put(zhao, "employer", blue).andExpect(status().isNotFound());
        mvc.perform(get("/api/persons/" + zhao + "/photo").with(httpBasic("employer", "demo"))).andExpect(status().isNotFound());
        put(li, "exam", blue).andExpect(status().isNotFound());
        // In scope, but the supervisory department does not collect photos.
        put(li, "supervisor", blue).andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("forbidden"));
        put(999_999_999L, "bureau", blue).andExpect(status().isNotFound());
        mvc.perform(multipart(HttpMethod.PUT, "/api/persons/" + li + "/photo")
                .file(new MockMultipartFile("photo", "p.jpg", "image/jpeg", blue))).andExpect(status().isUnauthorized());
        assertThat(photoRows(zhao)).isZero();

        put(li, "employer", blue).andExpect(status().isOk());
        // The committee's organizing unit collects the photo of its applicants, whatever their employer, while the
        // result waits for the certificate (and no one else has put a photo on file).
        put(chen, "committee", blue).andExpect(status().isOk());
        put(zhao, "committee", blue).andExpect(status().isNotFound());
        put(zhao, "bureau", blue).andExpect(status().isOk());
        Integer views = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'PHOTO_VIEWED' AND entity_id = ?",
                Integer.class, String.valueOf(holder));
        assertThat(views).as("staff reads of a photo are audited").isPositive();
    }

    @Test
    void anOrganizingUnitUploadsAZipAndGetsAReportPerFile(CapturedOutput output) throws Exception {
        Organisation employer = org("TJ-EMP-BHDZ");
        Person good = testData.person("吴刚", employer);
        Person green = testData.person("郑华", employer);
        Person gbk = testData.person("钱多", employer);
        Person other = testData.person("冯七", org("TJ-EMP-YZX"));
        String goodId = persons.idNumberOf(good.id()).value();
        String greenId = persons.idNumberOf(green.id()).value();
        String gbkId = persons.idNumberOf(gbk.id()).value();
        String otherId = persons.idNumberOf(other.id()).value();
        String unknownId = TestIdNumbers.randomResidentId();
        byte[] blue = TestPhotos.jpeg(TestPhotos.ID_BLUE);

        byte[] utf8 = TestPhotos.zip(StandardCharsets.UTF_8,
                "照片/", null,
                "照片/吴刚_" + goodId + ".jpg", blue,
                "郑华_" + greenId + ".JPG", TestPhotos.jpeg(TestPhotos.GREEN),
                "张冠李戴_" + goodId + ".jpg", blue,
                "冯七_" + otherId + ".jpg", blue,
                "无名_" + unknownId + ".jpg", blue,
                "../../etc/吴刚_" + goodId + ".jpg", blue,
                "readme.txt", "hello".getBytes(StandardCharsets.UTF_8),
                "__MACOSX/._x.jpg", blue,
                "big/吴刚_" + goodId + ".jpg", TestPhotos.tooLarge());
        String report = mvc.perform(multipart("/api/persons/photos")
                .file(new MockMultipartFile("archive", "photos.zip", "application/zip", utf8))
                .with(httpBasic("employer", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.files").value(8))
                .andExpect(jsonPath("$.stored").value(1)).andExpect(jsonPath("$.refused").value(7))
                .andExpect(jsonPath("$.results[0].outcome").value("STORED"))
                .andExpect(jsonPath("$.results[0].personId").value(good.id()))
                .andExpect(jsonPath("$.results[0].file").value("吴刚_" + goodId.substring(0, 4) + "**********"
                        + goodId.substring(14) + ".jpg"))
                .andExpect(jsonPath("$.results[1].code").value("photo.background"))
                .andExpect(jsonPath("$.results[2].code").value("photo-archive.name-mismatch"))
                .andExpect(jsonPath("$.results[3].code").value("photo-archive.person-not-found"))
                .andExpect(jsonPath("$.results[4].code").value("photo-archive.person-not-found"))
                .andExpect(jsonPath("$.results[5].code").value("photo-archive.unsafe-name"))
                .andExpect(jsonPath("$.results[6].code").value("photo-archive.file-name"))
                .andExpect(jsonPath("$.results[7].code").value("photo.too-large"))
                .andExpect(jsonPath("$.results[1].message").value("照片背景须为红色、蓝色或白色（浅灰色）纯色背景。"))
                .andReturn().getResponse().getContentAsString();
        assertThat(report).doesNotContain(goodId).doesNotContain(otherId).doesNotContain(unknownId);
        assertThat(photoRows(good.id())).isEqualTo(1);
        assertThat(photoRows(green.id())).isZero();
        assertThat(photoRows(other.id())).isZero();

        // Windows' own ZIP tool on a Chinese system writes GBK names without the UTF-8 flag.
        byte[] windows = TestPhotos.zip(Charset.forName("GBK"), "钱多_" + gbkId + ".jpg", blue);
        mvc.perform(multipart("/api/persons/photos")
                .file(new MockMultipartFile("archive", "photos.zip", "application/zip", windows))
                .with(httpBasic("employer", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(1))
                .andExpect(jsonPath("$.results[0].file").value(org.hamcrest.Matchers.startsWith("钱多_")));
        assertThat(photoRows(gbk.id())).isEqualTo(1);
        assertThat(events.stream(PhotoUploaded.class).map(PhotoUploaded::personId).toList())
                .isEqualTo(List.of(good.id(), gbk.id()));
        assertThat(output.getAll()).doesNotContain(goodId).doesNotContain(gbkId);
    }

    @Test
    void archivesThatAreNotZipsTooBigOrFromTheWrongCallerAreRefusedWhole() throws Exception {
        byte[] blue = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        byte[] zip = TestPhotos.zip(StandardCharsets.UTF_8, "x_" + TestIdNumbers.randomResidentId() + ".jpg", blue);
        mvc.perform(multipart("/api/persons/photos").file(new MockMultipartFile("archive", "a.zip", "application/zip", zip))
                .with(httpBasic("holder", "demo"))).andExpect(status().isForbidden());
        mvc.perform(multipart("/api/persons/photos").file(new MockMultipartFile("archive", "a.zip", "application/zip", zip))
                .with(httpBasic("supervisor", "demo"))).andExpect(status().isForbidden());
        mvc.perform(multipart("/api/persons/photos").file(new MockMultipartFile("archive", "a.zip", "application/zip", blue))
                .with(httpBasic("employer", "demo"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("photo-archive.unreadable"));
        mvc.perform(multipart("/api/persons/photos").with(httpBasic("employer", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo-archive.required"));
        mvc.perform(multipart("/api/persons/photos").file(new MockMultipartFile("archive", "a.zip", "application/zip",
                TestPhotos.zip(StandardCharsets.UTF_8, "empty/", null))).with(httpBasic("employer", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo-archive.empty"));
    }

    @Test
    void aZipBombIsReadOnlyAsFarAsTheLimits() throws Exception {
        // 3 entries of 64 MB of zeros each (a few hundred KB compressed): each is read only to 600 KB + 1 byte.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 3; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry("bomb" + i + "_" + TestIdNumbers.randomResidentId() + ".jpg"));
                for (int mb = 0; mb < 64; mb++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        }
        long started = System.nanoTime();
        mvc.perform(multipart("/api/persons/photos").file(new MockMultipartFile("archive", "bomb.zip", "application/zip",
                out.toByteArray())).with(httpBasic("employer", "demo")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.stored").value(0))
                .andExpect(jsonPath("$.results[0].code").value("photo-archive.person-not-found"));
        assertThat(System.nanoTime() - started).as("nothing inflated beyond the limits").isLessThan(5_000_000_000L);

        // Too many entries: refused before anything is read.
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(many)) {
            for (int i = 0; i < 2001; i++) {
                zip.putNextEntry(new java.util.zip.ZipEntry("f" + i + ".jpg"));
                zip.closeEntry();
            }
        }
        mvc.perform(multipart("/api/persons/photos").file(new MockMultipartFile("archive", "many.zip", "application/zip",
                many.toByteArray())).with(httpBasic("employer", "demo")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo-archive.too-many-entries"));
    }
}
