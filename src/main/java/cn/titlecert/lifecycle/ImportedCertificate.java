package cn.titlecert.lifecycle;

/** A checked record ready to store: the person it belongs to, and the case it enters issuance with (if any). */
record ImportedCertificate(HistoricalRecord record, long personId, Long applicationId) {

    ImportedCertificate withApplication(long id) {
        return new ImportedCertificate(record, personId, id);
    }
}
