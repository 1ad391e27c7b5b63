package cn.titlecert.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Transactional;

import cn.titlecert.TestData;
import cn.titlecert.persistence.GeneratedKey;

@SpringBootTest
@Import(TestData.class)
@Transactional
class PhotoMapperTest {

    @Autowired
    PhotoMapper photos;

    @Autowired
    TestData data;

    @Test
    void aNewPhotoBecomesCurrentAndTheOldOneIsKept() {
        Person person = data.person("照片", null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        byte[] first = new byte[700_000]; // larger than MySQL's 64 KB BLOB: the column must hold real photos
        first[0] = (byte) 0xFF;
        GeneratedKey firstKey = new GeneratedKey();
        photos.insert(new Photo(null, person.id(), "image/jpeg", first.length, 358, 441, "a".repeat(64), true, "holder", now),
                first, firstKey);

        byte[] second = {(byte) 0xFF, (byte) 0xD8, 2};
        photos.retireCurrent(person.id());
        GeneratedKey secondKey = new GeneratedKey();
        photos.insert(new Photo(null, person.id(), "image/jpeg", 3, 358, 441, "b".repeat(64), true, "holder", now),
                second, secondKey);

        assertThat(photos.findCurrent(person.id())).map(Photo::id).contains(secondKey.value());
        assertThat(photos.findById(firstKey.value())).map(Photo::currentPhoto).contains(false);
        assertThat(photos.findContent(firstKey.value())).hasValueSatisfying(b -> assertThat(b).isEqualTo(first));
        assertThat(photos.findContent(secondKey.value())).hasValueSatisfying(b -> assertThat(b).isEqualTo(second));
    }
}
