package cn.titlecert.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.titlecert.TestData;
import cn.titlecert.TestIdNumbers;
import cn.titlecert.organisation.OrganisationService;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;
import cn.titlecert.person.Photo;
import cn.titlecert.person.PhotoMapper;
import cn.titlecert.person.TestPhotos;
import cn.titlecert.persistence.GeneratedKey;

/** R22: any two of name, ID number, certificate number; masked results; one answer for every miss; rate limited. */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PublicQueryWebTest {

    /** Each test queries from its own address, so the shared limiter's buckets do not interfere. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Autowired
    MockMvc mvc;

    @Autowired
    IssuedCertificates issued;

    @Autowired
    TestData testData;

    @Autowired
    OrganisationService organisations;

    @Autowired
    PhotoMapper photos;

    @Autowired
    PersonService persons;

    private ResultActions query(String address, String json, String language) throws Exception {
        return mvc.perform(post("/api/public/query").contentType(MediaType.APPLICATION_JSON).content(json)
                .header("Accept-Language", language).with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                }));
    }

    private static String address() {
        return "192.0.2." + ADDRESSES.getAndIncrement();
    }

    private static String json(String name, String idNumber, String number) {
        StringBuilder b = new StringBuilder("{");
        if (name != null) {
            b.append("\"name\":\"").append(name).append("\",");
        }
        if (idNumber != null) {
            b.append("\"idNumber\":\"").append(idNumber).append("\",");
        }
        if (number != null) {
            b.append("\"certificateNumber\":\"").append(number).append("\",");
        }
        if (b.length() > 1) {
            b.setLength(b.length() - 1);
        }
        return b.append('}').toString();
    }

    private Person personWithPhoto(String name) {
        Person person = testData.person(name, organisations.findByCode("TJ-EMP-BHDZ").orElseThrow());
        byte[] jpeg = TestPhotos.jpeg(TestPhotos.ID_BLUE);
        photos.insert(new Photo(null, person.id(), "image/jpeg", jpeg.length, 390, 500, "0".repeat(64), true, "test",
                Instant.now()), jpeg, new GeneratedKey());
        return person;
    }

    @Test
    void anyTwoMatchingFieldsFindTheCertificateMasked(CapturedOutput output) throws Exception {
        Person person = personWithPhoto("林青");
        String number = issued.issue(person.id()).certificate().number();
        String idNumber = persons.idNumberOf(person.id()).value();
        String from = address();
        for (String json : new String[] {json("林青", idNumber, null), json("林青", null, number),
                json(null, idNumber, number), json(" 林 青 ", idNumber.toLowerCase(), number.toLowerCase())}) {
            query(from, json, "zh-CN").andExpect(status().isOk()).andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(jsonPath("$", hasSize(1)))
                    .andExpect(jsonPath("$[0].number").value(number))
                    .andExpect(jsonPath("$[0].status").value("VALID"))
                    .andExpect(jsonPath("$[0].holderName").value("林青"))
                    .andExpect(jsonPath("$[0].idNumber").value(person.idNumberMasked()))
                    .andExpect(jsonPath("$[0].photoUrl").doesNotExist())
                    .andExpect(jsonPath("$[0].photoId").doesNotExist());
        }
        assertThat(output.getAll()).doesNotContain(idNumber);
    }

    @Test
    void noSuchCertificateAndFieldsThatDoNotMatchGetTheSameEmptyAnswer() throws Exception {
        Person person = personWithPhoto("苏北");
        String number = issued.issue(person.id()).certificate().number();
        String idNumber = persons.idNumberOf(person.id()).value();
        String from = address();
        String[] misses = {json("苏北", TestIdNumbers.randomResidentId(), null), // no such person
                json("苏南", idNumber, null), // name does not match
                json("苏北", null, "C2026120000999999"), // no such certificate
                json("苏南", null, number), json(null, TestIdNumbers.randomResidentId(), number),
                json("苏北", idNumber, "C2026120000999999")};
        for (String miss : misses) {
            query(from, miss, "zh-CN").andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(0)));
        }
    }

    @Test
    void fewerThanTwoFieldsOrAnInvalidIdNumberIsABadRequest() throws Exception {
        String from = address();
        query(from, json("张三", null, null), "zh-CN").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("query.too-few-fields"))
                .andExpect(jsonPath("$.message").value("请至少填写姓名、证件号码、证书编号中的两项。"));
        query(from, json("张三", null, "  "), "en").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Enter at least two of: name, ID number, certificate number."));
        query(from, "{}", "zh-CN").andExpect(status().isBadRequest());
        query(from, json("张三", TestIdNumbers.withWrongCheckDigit(TestIdNumbers.randomResidentId()), null), "zh-CN")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("id-number.check-digit"));
    }

    @Test
    void tenQueriesAMinutePerAddressAndForwardedForIsNotTrustedByDefault() throws Exception {
        String from = address();
        String miss = json("某人", null, "C2026120000999998");
        for (int i = 0; i < 10; i++) {
            query(from, miss, "zh-CN").andExpect(status().isOk());
        }
        query(from, miss, "zh-CN").andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("too-many-requests"))
                .andExpect(jsonPath("$.message").value("请求过于频繁，请稍后再试。"));
        query(from, miss, "en").andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value("Too many requests; please try again later."));
        // A client cannot escape the limit by claiming another address.
        mvc.perform(post("/api/public/query").contentType(MediaType.APPLICATION_JSON).content(miss)
                .header("X-Forwarded-For", "203.0.113.50").with(r -> {
                    r.setRemoteAddr(from);
                    return r;
                })).andExpect(status().isTooManyRequests());
        query(address(), miss, "zh-CN").andExpect(status().isOk());
    }
}
