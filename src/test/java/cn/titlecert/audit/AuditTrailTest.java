package cn.titlecert.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

@SpringBootTest
@Transactional
class AuditTrailTest {

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditMapper mapper;

    @Autowired
    JdbcTemplate jdbc;

    private final CurrentUser bureau = new CurrentUser("bureau", "专技处", Set.of(Role.BUREAU), 1L, "/1/", null);

    @Test
    void entriesFormAnIntactChain() {
        AuditEntry first = audit.record(bureau, "CERTIFICATE_REVOKED", "certificate", "B2026000001", "status=REVOKED", "重复发证");
        AuditEntry second = audit.record(bureau, "CERTIFICATE_VIEWED", "certificate", "B2026000001", null, null);
        assertThat(second.prevHash()).isEqualTo(first.entryHash());
        assertThat(mapper.findByEntity("certificate", "B2026000001")).hasSize(2);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void anEditedEntryBreaksTheChain() {
        audit.record(bureau, "PERSON_VIEWED", "person", 1, null, null);
        AuditEntry target = audit.record(bureau, "CERTIFICATE_REVOKED", "certificate", "C2026000009", null, "错误");
        audit.record(bureau, "PERSON_VIEWED", "person", 2, null, null);
        assertThat(audit.verify().intact()).isTrue();

        jdbc.update("UPDATE audit_log SET reason = ? WHERE entry_hash = ?", "改过的理由", target.entryHash());
        AuditChain.Check check = audit.verify();
        assertThat(check.intact()).isFalse();
        assertThat(check.firstBrokenEntryId()).isNotNull();
    }

    @Test
    void aRemovedEntryBreaksTheChain() {
        audit.record(bureau, "A", "x", 1, null, null);
        AuditEntry middle = audit.record(bureau, "B", "x", 2, null, null);
        audit.record(bureau, "C", "x", 3, null, null);
        jdbc.update("DELETE FROM audit_log WHERE entry_hash = ?", middle.entryHash());
        assertThat(audit.verify().intact()).isFalse();
    }

    @Test
    void removingTheLatestEntryIsDetectedThroughTheHead() {
        audit.record(bureau, "A", "x", 1, null, null);
        AuditEntry last = audit.record(bureau, "B", "x", 2, null, null);
        jdbc.update("DELETE FROM audit_log WHERE entry_hash = ?", last.entryHash());
        assertThat(audit.verify().intact()).isFalse();
    }
}
