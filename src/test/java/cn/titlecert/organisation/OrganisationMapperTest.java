package cn.titlecert.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.security.CurrentUser;
import cn.titlecert.security.Role;

@SpringBootTest
@Transactional
class OrganisationMapperTest {

    @Autowired
    OrganisationService service;

    @Autowired
    OrganisationMapper mapper;

    private static String code() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aSubtreeIsTheOrganisationAndEverythingBelowIt() {
        Organisation province = service.create(code(), "测试省人社厅", OrganisationType.BUREAU, null, "990000");
        Organisation city = service.create(code(), "测试市人社局", OrganisationType.BUREAU, province.id(), "990100");
        Organisation department = service.create(code(), "测试市教育局", OrganisationType.SUPERVISORY_DEPARTMENT, city.id(), "990100");
        Organisation school = service.create(code(), "测试市第一中学", OrganisationType.EMPLOYER, department.id(), "990101");
        Organisation otherCity = service.create(code(), "另一市人社局", OrganisationType.BUREAU, province.id(), "990200");

        assertThat(school.treePath()).isEqualTo(province.treePath() + city.id() + "/" + department.id() + "/" + school.id() + "/");
        assertThat(mapper.findSubtree(city.treePath())).extracting(Organisation::id)
                .containsExactlyInAnyOrder(city.id(), department.id(), school.id());
        assertThat(mapper.findSubtree(province.treePath())).hasSize(5);
        assertThat(city.covers(school)).isTrue();
        assertThat(city.covers(otherCity)).isFalse();
        assertThat(school.pathIds()).containsExactly(province.id(), city.id(), department.id(), school.id());
        assertThat(mapper.findByIds(List.of(province.id(), school.id()))).hasSize(2);
        assertThat(service.findAll(Arrays.asList(school.id(), null, city.id(), school.id(), -1L)))
                .as("one query for several; absent and unknown ids left out").containsOnlyKeys(school.id(), city.id())
                .containsEntry(city.id(), city);
        assertThat(service.findAll(Arrays.asList((Long) null))).isEmpty();
    }

    @Test
    void staffSeeTheirSubtreeAndHoldersTheirChainAndTheReviewBodies() {
        Organisation root = service.create(code(), "根", OrganisationType.BUREAU, null, null);
        Organisation dept = service.create(code(), "主管部门", OrganisationType.SUPERVISORY_DEPARTMENT, root.id(), null);
        Organisation employer = service.create(code(), "单位甲", OrganisationType.EMPLOYER, dept.id(), null);
        Organisation otherEmployer = service.create(code(), "单位乙", OrganisationType.EMPLOYER, dept.id(), null);
        Organisation committee = service.create(code(), "评委会", OrganisationType.COMMITTEE, dept.id(), null);

        CurrentUser staff = new CurrentUser("s", "s", Set.of(Role.SUPERVISOR), dept.id(), dept.treePath(), null);
        assertThat(service.visibleTo(staff)).extracting(Organisation::id)
                .containsExactlyInAnyOrder(dept.id(), employer.id(), otherEmployer.id(), committee.id());
        assertThat(service.isInScope(staff, root.id())).isFalse();
        assertThat(service.isInScope(staff, employer.id())).isTrue();

        CurrentUser holder = new CurrentUser("h", "h", Set.of(Role.HOLDER), employer.id(), employer.treePath(), 1L);
        List<Long> holderSees = service.visibleTo(holder).stream().map(Organisation::id).toList();
        assertThat(holderSees).contains(root.id(), dept.id(), employer.id(), committee.id()).doesNotContain(otherEmployer.id());
        assertThat(service.isInScope(holder, employer.id())).as("holders act on no organisation's data").isFalse();
    }

    @Test
    void codesAreUnique() {
        String code = code();
        service.create(code, "甲", OrganisationType.EMPLOYER, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.create(code, "乙", OrganisationType.EMPLOYER, null, null))
                .isInstanceOf(cn.titlecert.error.DomainException.class);
    }
}
