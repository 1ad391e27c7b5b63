package cn.titlecert.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

import cn.titlecert.security.UserAccountMapper;
import cn.titlecert.verification.IssuedCertificates;

/** The print view: an A4 landscape image of the issued PDF, whose QR code still verifies; same access as the PDF. */
@SpringBootTest
@AutoConfigureMockMvc
class CertificatePrintTest {

    @Autowired MockMvc mvc;
    @Autowired IssuedCertificates issued;
    @Autowired UserAccountMapper accounts;

    private org.springframework.mock.web.MockHttpSession login(String username) throws Exception {
        org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login").session(session)
                .param("username", username).param("password", "demo")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        return session;
    }

    @Test
    void theHolderPrintsAnA4LandscapePageWhoseQrCodeStillLeadsToVerification() throws Exception {
        IssuedCertificates.Issued cert = issued.issue(accounts.findByUsername("holder").orElseThrow().personId());
        String number = cert.certificate().number();
        var holder = login("holder");
        mvc.perform(get("/certificates/{n}/print", number).session(holder)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/certificates/" + number + "/print.png")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("/css/print.css")));
        mvc.perform(get("/css/print.css")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("size: A4 landscape")));
        byte[] png = mvc.perform(get("/certificates/{n}/print.png", number).session(holder))
                .andExpect(status().isOk()).andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("Cache-Control", "no-store")).andReturn().getResponse().getContentAsByteArray();
        BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(page.getWidth()).as("landscape").isGreaterThan(page.getHeight());
        assertThat((double) page.getWidth() / page.getHeight()).isCloseTo(297.0 / 210, org.assertj.core.data.Offset.offset(0.03));
        assertThat(IssuedCertificates.qrTextOfImage(page)).contains(cert.verifyUrl());
    }

    @Test
    void printingFollowsTheDownloadRules() throws Exception {
        long holderId = accounts.findByUsername("holder").orElseThrow().personId();
        var holder = login("holder");
        String pending = issued.issue(holderId, LocalDate.now().plusMonths(1)).certificate().number();
        mvc.perform(get("/certificates/{n}/print", pending).session(holder)).andExpect(status().isForbidden());
        mvc.perform(get("/certificates/{n}/print.png", pending).session(holder)).andExpect(status().isForbidden());
        String others = issued.issue(issued.personWithPhoto("打印乙").id()).certificate().number();
        mvc.perform(get("/certificates/{n}/print.png", others).session(holder)).andExpect(status().isNotFound());
        mvc.perform(get("/certificates/{n}/print.png", others).session(login("exam"))).andExpect(status().isNotFound());
        mvc.perform(get("/certificates/{n}/print.png", others).session(login("employer"))).andExpect(status().isOk());
        mvc.perform(get("/certificates/{n}/print.png", others)).andExpect(status().is3xxRedirection());
    }
}
