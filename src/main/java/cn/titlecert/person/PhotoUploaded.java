package cn.titlecert.person;

/**
 * Published (as a Spring application event, inside the transaction that stored it) when a photo becomes a
 * person's current photo. The issuance cycle listens for it: a case that waits for a photo (R9) joins the next
 * generation run once the photo is committed.
 */
public record PhotoUploaded(long personId, long photoId) {
}
