package cn.titlecert.person;

import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

import cn.titlecert.persistence.GeneratedKey;

@Mapper
public interface PhotoMapper {

    void insert(@Param("row") Photo photo, @Param("content") byte[] content, @Param("key") GeneratedKey key);

    /** Marks every photo of the person as no longer current (before a new one is inserted). */
    int retireCurrent(long personId);

    Optional<Photo> findCurrent(long personId);

    Optional<Photo> findById(long id);

    Optional<byte[]> findContent(long id);
}
