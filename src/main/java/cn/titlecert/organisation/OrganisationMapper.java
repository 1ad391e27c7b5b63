package cn.titlecert.organisation;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface OrganisationMapper {

    /** Inserts with a provisional path; {@link #updateTreePath} sets it once the id is known. */
    void insert(@Param("row") Organisation row, @Param("key") GeneratedKey key);

    int updateTreePath(@Param("id") long id, @Param("treePath") String treePath);

    Optional<Organisation> findById(long id);

    Optional<Organisation> findByCode(String code);

    /** The organisation with this path and everything below it. */
    List<Organisation> findSubtree(String treePath);

    List<Organisation> findByIds(@Param("ids") List<Long> ids);

    List<Organisation> findByTypes(@Param("types") List<OrganisationType> types);

    List<Long> lockForUpdate(@Param("ids") List<Long> ids);

    /** Code, name, type, region, credit code and the committee's fields; never the place in the tree. */
    int updateDetails(@Param("row") Organisation row);

    /** Gives {@code id} the parent {@code parentId} and rewrites the paths of it and everything below it. */
    int moveSubtree(@Param("id") long id, @Param("parentId") Long parentId, @Param("oldPath") String oldPath,
            @Param("oldPathLength") int oldPathLength, @Param("newPath") String newPath);

    int retire(@Param("id") long id, @Param("at") java.time.Instant at, @Param("reason") String reason);

    int reactivate(@Param("id") long id);

    long countActiveChildren(long id);

    List<Organisation> findByCodes(@Param("codes") java.util.Collection<String> codes);

    /** A subtree in tree order; {@code text} matches code or name, {@code type} and {@code active} filter when set. */
    List<Organisation> searchSubtree(@Param("treePath") String treePath, @Param("text") String text,
            @Param("type") OrganisationType type, @Param("active") Boolean active, @Param("limit") int limit);
}
