package cn.titlecert.issuance;

/** Ids of the issuance models that code refers to (changing them in the model means changing them here). */
public final class IssuanceProcess {

    public static final String CHECK_TASK = "Task_CheckBatch";
    public static final String POLL_TIMER = "Event_WaitForGeneration";
    public static final String RELEASE_TIMER = "Event_ReleaseDay";
    public static final String PHOTO_MESSAGE = "photo-uploaded";
    public static final String RUN_NOW_MESSAGE = "issuance-run-now";

    private IssuanceProcess() {
    }
}
