package cn.titlecert.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * Multi-row INSERTs of many rows at once (imports), on the transaction's own connection. MyBatis' foreach builds and
 * resolves every parameter through reflection (measured: most of the CPU of a 100,000-row import); plain JDBC with
 * one statement per chunk costs a fraction, and one statement per chunk is what makes MySQL/MariaDB fast without
 * the driver's batch rewriting. Only fixed table and column names are written into the SQL; values are parameters.
 */
@Component
public class BulkInsert {

    /** Rows per statement: well below MySQL's 65,535 placeholders for the widest table. */
    public static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    public BulkInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public <T> void insert(String table, List<String> columns, List<T> rows, Function<T, Object[]> values) {
        write(table, columns, rows, values, null);
    }

    /**
     * The same, returning the generated ids in the order of the rows (H2 and MySQL Connector/J both report every
     * key of a multi-row INSERT), so nothing has to be read back.
     */
    public <T> List<Long> insertReturningIds(String table, List<String> columns, List<T> rows,
            Function<T, Object[]> values) {
        List<Long> ids = new java.util.ArrayList<>(rows.size());
        write(table, columns, rows, values, ids);
        if (ids.size() != rows.size()) {
            throw new IllegalStateException(table + ": " + ids.size() + " generated ids for " + rows.size() + " rows");
        }
        return ids;
    }

    private <T> void write(String table, List<String> columns, List<T> rows, Function<T, Object[]> values,
            List<Long> ids) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // The pool's connections do not auto-commit (application.yml): rows written outside a transaction would
            // be rolled back when the connection goes back. Bulk writes are all-or-nothing anyway.
            throw new IllegalStateException("BulkInsert needs a transaction (" + table + ")");
        }
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        String tuple = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        String full = null;
        for (int from = 0; from < rows.size(); from += CHUNK) {
            List<T> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            String sql;
            if (chunk.size() == CHUNK) {
                if (full == null) {
                    full = head + String.join(", ", java.util.Collections.nCopies(CHUNK, tuple));
                }
                sql = full;
            } else {
                sql = head + String.join(", ", java.util.Collections.nCopies(chunk.size(), tuple));
            }
            String statementSql = sql;
            jdbc.execute((java.sql.Connection connection) -> {
                try (PreparedStatement statement = ids == null ? connection.prepareStatement(statementSql)
                        : connection.prepareStatement(statementSql, new String[] {"id"})) {
                    int index = 1;
                    for (T row : chunk) {
                        Object[] v = values.apply(row);
                        if (v.length != columns.size()) {
                            throw new IllegalArgumentException(table + ": " + v.length + " values for " + columns.size()
                                    + " columns");
                        }
                        for (Object value : v) {
                            set(statement, index++, value);
                        }
                    }
                    statement.executeUpdate();
                    if (ids != null) {
                        try (java.sql.ResultSet keys = statement.getGeneratedKeys()) {
                            while (keys.next()) {
                                ids.add(keys.getLong(1));
                            }
                        }
                    }
                }
                return null;
            });
        }
    }

    private static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof Long l) {
            statement.setLong(index, l);
        } else if (value instanceof Integer i) {
            statement.setInt(index, i);
        } else if (value instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (value instanceof LocalDate d) {
            statement.setDate(index, java.sql.Date.valueOf(d));
        } else if (value instanceof Instant t) {
            statement.setTimestamp(index, Timestamp.from(t));
        } else if (value instanceof Enum<?> e) {
            statement.setString(index, e.name());
        } else {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
        }
    }
}
