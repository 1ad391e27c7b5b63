package cn.titlecert.application;

/** 评审类型 (Guizhou notice): how the review body reached its result. */
public enum ReviewType {
    SOCIAL, SELF, GRASSROOTS, GREEN_CHANNEL, PRIVATE_ECONOMY, EXAM_IN_LIEU, TARGETED_9_PLUS_3
}
