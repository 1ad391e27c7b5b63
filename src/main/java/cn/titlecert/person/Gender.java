package cn.titlecert.person;

public enum Gender {
    M, F
}
