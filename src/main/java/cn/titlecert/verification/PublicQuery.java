package cn.titlecert.verification;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

import cn.titlecert.certificate.Certificate;
import cn.titlecert.certificate.CertificateIssuer;
import cn.titlecert.certificate.CertificateMapper;
import cn.titlecert.certificate.CertificateStatus;
import cn.titlecert.certificate.TitleLevel;
import cn.titlecert.error.DomainException;
import cn.titlecert.person.IdNumber;
import cn.titlecert.person.IdType;
import cn.titlecert.person.Person;
import cn.titlecert.person.PersonService;

/**
 * The public certificate query (R22, Guizhou): any two or three of name, ID number and certificate number, all
 * given fields must match. The answer is a list, empty both when no such certificate exists and when the fields
 * do not belong together, and the same look-ups run in both cases, so neither the answer nor its timing tells
 * which. Results mask the ID number and carry no photo; certificates not yet released (R7) are not shown.
 */
@Service
@Transactional(readOnly = true)
public class PublicQuery {

    public record Query(String name, IdType idType, String idNumber, String certificateNumber) {
    }

    public record Result(String number, CertificateStatus status, boolean valid, String holderName, String idNumber,
            String titleSeries, String titleSpecialty, String titleName, TitleLevel titleLevel, LocalDate obtainedOn,
            String issuingAuthority, LocalDate issuedOn) {
    }

    private final CertificateMapper certificates;
    private final PersonService persons;
    private final MeterRegistry meters;
    private final Clock clock;

    public PublicQuery(CertificateMapper certificates, PersonService persons, MeterRegistry meters, Clock clock) {
        this.certificates = certificates;
        this.persons = persons;
        this.meters = meters;
        this.clock = clock;
    }

    public List<Result> find(Query query) {
        Optional<String> name = present(query.name()).map(PublicQuery::normaliseName);
        Optional<String> idText = present(query.idNumber());
        Optional<String> number = present(query.certificateNumber()).map(n -> n.toUpperCase(Locale.ROOT));
        if (Stream.of(name, idText, number).filter(Optional::isPresent).count() < 2) {
            throw DomainException.badRequest("query.too-few-fields");
        }
        LocalDate today = LocalDate.now(clock.withZone(CertificateIssuer.CHINA));
        Optional<IdNumber> idNumber = idText.map(raw -> IdNumber.parse(
                query.idType() == null ? IdType.RESIDENT_ID : query.idType(), raw, today));
        Optional<Person> person = idNumber.flatMap(persons::findByIdNumber);
        List<Certificate> candidates = number.isPresent()
                ? certificates.findByNumber(number.get()).stream().toList()
                : certificates.findByPerson(person.map(Person::id).orElse(-1L));
        List<Result> results = candidates.stream()
                .filter(c -> name.isEmpty() || name.get().equals(normaliseName(c.holderName())))
                .filter(c -> idNumber.isEmpty() || person.map(p -> p.id() == c.personId()).orElse(false))
                .filter(c -> c.releaseOn() == null || !c.releaseOn().isAfter(today))
                .map(c -> result(c, person.filter(p -> p.id() == c.personId()).or(() -> persons.find(c.personId()))))
                .toList();
        meters.counter("titlecert.public-queries", "outcome", results.isEmpty() ? "none" : "found").increment();
        return results;
    }

    private static Result result(Certificate c, Optional<Person> person) {
        return new Result(c.number(), c.status(), c.status() == CertificateStatus.VALID, c.holderName(),
                c.idNumberMasked(() -> person.map(Person::idNumberMasked)), c.titleSeries(), c.titleSpecialty(),
                c.titleName(),
                c.titleLevel(), c.obtainedOn(), c.issuingAuthority(), c.issuedOn());
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String normaliseName(String name) {
        return name.replaceAll("[\\s\\u3000]", "");
    }
}
