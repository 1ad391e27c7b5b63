package cn.titlecert.review;

import java.util.Arrays;
import java.util.Optional;

import cn.titlecert.security.Role;

/** The review steps of {@code bpmn/tiered-review.bpmn}: who acts at each, by task id. */
public enum ReviewTier {
    EMPLOYER("Task_ReviewByEmployer", Role.EMPLOYER),
    SUPERVISOR("Task_ReviewBySupervisor", Role.SUPERVISOR),
    EXAM_AGENCY("Task_VerifyByExamAgency", Role.EXAM_AGENCY),
    BUREAU("Task_CheckByBureau", Role.BUREAU);

    public static final String REVISE_TASK = "Task_ReviseApplication";
    public static final String LATE_UPLOAD_TASK = "Task_AcknowledgeLateUpload";

    private final String taskId;
    private final Role role;

    ReviewTier(String taskId, Role role) {
        this.taskId = taskId;
        this.role = role;
    }

    public String taskId() {
        return taskId;
    }

    public Role role() {
        return role;
    }

    public static Optional<ReviewTier> ofTask(String taskDefinitionKey) {
        return Arrays.stream(values()).filter(t -> t.taskId.equals(taskDefinitionKey)).findFirst();
    }
}
