package cn.titlecert.application;

/** The five ways a title is acquired (Tianjin notice, 一至四), each one BPMN process. */
public enum AcquisitionPath {
    SOCIAL_REVIEW("acquisition-social-review"),
    SELF_REVIEW("acquisition-self-review"),
    SELF_APPOINTMENT("acquisition-self-appointment"),
    EXAM_IN_LIEU("acquisition-exam-in-lieu"),
    COMMISSIONED_REVIEW("acquisition-commissioned-review");

    private final String processKey;

    AcquisitionPath(String processKey) {
        this.processKey = processKey;
    }

    /** The process definition key of the public contract. */
    public String processKey() {
        return processKey;
    }
}
