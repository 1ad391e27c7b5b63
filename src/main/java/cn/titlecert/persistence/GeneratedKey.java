package cn.titlecert.persistence;

/**
 * Receives the id the database generates on insert. Rows are immutable records, which MyBatis cannot
 * write a generated key into, so inserts take this holder beside the row ({@code keyProperty="key.id"}).
 */
public class GeneratedKey {

    private Long id;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public long value() {
        if (id == null) {
            throw new IllegalStateException("no key was generated");
        }
        return id;
    }
}
