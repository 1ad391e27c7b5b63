package cn.titlecert.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On MariaDB the pool's connections switch off the EXISTS-to-IN rewrite (application-mysql.yml), so the job
 * executor's acquisition query looks up each candidate's instance by index instead of materialising every job
 * (which made acquiring a job cost more the larger the month's batch). Runs in the MariaDB run.
 */
@SpringBootTest
class JobAcquisitionPlanTest {

    /** The shape of Camunda 7's job acquisition query (selectNextJobsToExecute), without ordering by priority. */
    private static final String ACQUISITION = """
            SELECT RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_ FROM ACT_RU_JOB RES
            WHERE (RES.RETRIES_ > 0) AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= NOW())
              AND (RES.LOCK_OWNER_ IS NULL OR RES.LOCK_EXP_TIME_ < NOW()) AND RES.SUSPENSION_STATE_ = 1
              AND ((RES.EXCLUSIVE_ = 1 AND NOT EXISTS (SELECT J2.ID_ FROM ACT_RU_JOB J2
                      WHERE J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ AND (J2.EXCLUSIVE_ = 1)
                        AND (J2.LOCK_OWNER_ IS NOT NULL AND J2.LOCK_EXP_TIME_ >= NOW())))
                   OR RES.EXCLUSIVE_ = 0)
            LIMIT 6""";

    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void onlyOnMariaDb() {
        String version = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductVersion());
        assumeTrue(version != null && version.contains("MariaDB"), "the setting is MariaDB's");
    }

    @Test
    void pooledConnectionsDoNotRewriteExistsIntoIn() {
        String session = jdbc.queryForObject("SELECT @@SESSION.optimizer_switch", String.class);
        assertThat(session).contains("exists_to_in=off").contains("materialization=on");
    }

    @Test
    void theAcquisitionQueryLooksUpEachInstanceByIndexInsteadOfMaterialisingEveryJob() {
        List<Map<String, Object>> plan = jdbc.queryForList("EXPLAIN " + ACQUISITION);
        assertThat(plan).filteredOn(row -> "J2".equals(row.get("table"))).singleElement()
                .satisfies(row -> assertThat(row.get("select_type")).isEqualTo("DEPENDENT SUBQUERY"));
    }
}
