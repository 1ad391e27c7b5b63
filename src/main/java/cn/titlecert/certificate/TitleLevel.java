package cn.titlecert.certificate;

/** Title levels and the letter that starts a certificate number (Tianjin notice 三(二)4). */
public enum TitleLevel {
    SENIOR('A'),
    DEPUTY_SENIOR('B'),
    INTERMEDIATE('C'),
    ASSISTANT('D'),
    JUNIOR('E');

    private final char letter;

    TitleLevel(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }
}
