package cn.titlecert.issuance;

/** Where a month's batch stands (the contract's names). */
public enum BatchStatus {
    COLLECTING, CHECKING, GENERATING, GENERATED, RELEASED
}
