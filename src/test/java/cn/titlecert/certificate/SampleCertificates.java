package cn.titlecert.certificate;

import java.util.LinkedHashMap;
import java.util.Map;

import cn.titlecert.demo.DemoPhoto;

/** Printed values of a fixed sample certificate, shared by the rendering tests and the benchmark. */
final class SampleCertificates {

    private SampleCertificates() {
    }

    static Map<String, String> values(String name, String specialty) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("number", "B2026120000000042");
        v.put("name", name);
        v.put("gender", "男");
        v.put("birthDate", "1988-05-12");
        v.put("idType", "居民身份证");
        v.put("idNumber", "120101198805120014");
        v.put("series", "工程技术");
        v.put("specialty", specialty);
        v.put("titleName", "高级工程师");
        v.put("level", "副高级");
        v.put("path", "社会化评审");
        v.put("reviewType", "社会化评审");
        v.put("obtainedOn", "2026-10-20");
        v.put("reviewBody", "天津市工程技术系列电子信息专业高级评审委员会");
        v.put("reportingUnit", "天津市工业和信息化局");
        v.put("declaringUnit", "天津滨海电子科技有限公司");
        v.put("reviewBodyOrganizer", "天津市工业和信息化局");
        v.put("approvingUnit", "天津市人力资源和社会保障局");
        v.put("approvalDocNumber", "津人社职〔2026〕42号");
        v.put("approvalDate", "2026-11-02");
        v.put("issuingAuthority", "天津市人力资源和社会保障局");
        v.put("issuedOn", "2026-11-28");
        v.put("verifyUrl", "https://zc.example.gov.cn/verify");
        v.put("generatedAt", "2026-11-28 10:00:00");
        return v;
    }

    static CertificateRenderer.Content content(String name, String specialty) {
        return new CertificateRenderer.Content(values(name, specialty), DemoPhoto.jpeg(),
                "https://zc.example.gov.cn/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }
}
