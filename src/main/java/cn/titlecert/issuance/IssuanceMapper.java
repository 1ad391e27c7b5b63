package cn.titlecert.issuance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface IssuanceMapper {

    void insertBatch(@Param("row") IssuanceBatch row, @Param("key") GeneratedKey key);

    Optional<IssuanceBatch> findBatch(long id);

    Optional<IssuanceBatch> findBatchByMonth(@Param("month") String month, @Param("bureauId") long bureauId);

    /** Locks the batch row for the rest of the transaction (status changes are serialised across nodes). */
    Optional<IssuanceBatch> lockBatch(long id);

    int updateBatchStatus(@Param("id") long id, @Param("status") BatchStatus status, @Param("at") Instant at);

    int approveBatch(@Param("id") long id, @Param("grantDate") LocalDate grantDate,
            @Param("grantAuthority") String grantAuthority, @Param("documentNumber") String documentNumber,
            @Param("approvedBy") String approvedBy, @Param("at") Instant at);

    /** Bureaus with approved cases of this month or earlier that no batch holds yet. */
    List<Long> findBureausWithUncollected(@Param("month") String month);

    /** Adds every approved case of the bureau, of this month or earlier, that no batch holds yet. */
    int collect(@Param("batchId") long batchId, @Param("bureauId") long bureauId, @Param("month") String month,
            @Param("at") Instant at);

    List<IssuanceItem> findItems(@Param("batchId") long batchId, @Param("offset") int offset,
            @Param("limit") int limit);

    Optional<IssuanceItem> findItem(long id);

    Optional<IssuanceItem> findItemByApplication(long applicationId);

    /** Items the generation has not been started for, oldest first. */
    List<IssuanceItem> findUndispatched(@Param("batchId") long batchId, @Param("limit") int limit);

    boolean hasUndispatched(long batchId);

    /** Gives the items, none of them dispatched yet, to one process instance (their generation group). */
    int setItemsProcess(@Param("ids") Collection<Long> ids, @Param("processInstanceId") String processInstanceId);

    /** Hands one item over from the instance that holds it to another (a group's case going on on its own). */
    int moveItemProcess(@Param("id") long id, @Param("from") String from, @Param("to") String to);

    /** The items of a generation group still to generate, in dispatch order. */
    List<IssuanceItem> findPendingOfProcess(String processInstanceId);

    int updateItem(@Param("id") long id, @Param("status") ItemStatus status, @Param("certificateId") Long certificateId,
            @Param("at") Instant at);

    int excludeItem(@Param("id") long id, @Param("reason") String reason, @Param("by") String by,
            @Param("at") Instant at);

    record StatusCount(ItemStatus status, long n) {
    }

    List<StatusCount> countByStatus(long batchId);

    int countWithProcess(@Param("batchId") long batchId, @Param("processInstanceIds") Collection<String> ids);

    List<IssuanceItem> findWaitingForPhoto(long personId);

    /** People of the batch whose cases wait for a photo although a current photo is stored now. */
    List<Long> findPersonsWithPhotoArrived(long batchId);

    /** Generated items of the batch whose holders were not yet told of the release (for the release step). */
    List<IssuanceItem> findGenerated(@Param("batchId") long batchId, @Param("afterId") long afterId,
            @Param("limit") int limit);
}
