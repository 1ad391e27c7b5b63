package cn.titlecert.person;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.titlecert.error.DomainException;
import cn.titlecert.security.CurrentUser;

/**
 * Photos (R15): the holder or the staff who collect photos upload one person's photo, or an organizing unit a
 * ZIP of many; the holder and staff in scope read the current one.
 */
@RestController
@RequestMapping("/api/persons")
class PhotoController {

    private final PhotoService photos;
    private final PhotoArchiveImport archives;
    private final PhotoProperties properties;

    PhotoController(PhotoService photos, PhotoArchiveImport archives, PhotoProperties properties) {
        this.photos = photos;
        this.archives = archives;
        this.properties = properties;
    }

    record PhotoView(long id, long personId, int width, int height, int sizeBytes, String sha256, String uploadedBy,
            java.time.Instant uploadedAt) {
        static PhotoView of(Photo p) {
            return new PhotoView(p.id(), p.personId(), p.width(), p.height(), p.sizeBytes(), p.sha256(), p.uploadedBy(),
                    p.uploadedAt());
        }
    }

    @PutMapping(path = "/{id}/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PhotoView upload(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
            @RequestParam(name = "photo", required = false) MultipartFile photo) {
        // Who may comes first: a stranger learns nothing, not even that the file was too large.
        photos.requireMayUpload(user, id);
        return PhotoView.of(photos.upload(user, id, bytesOf(photo, properties.maxBytes()), "api"));
    }

    @GetMapping("/{id}/photo")
    ResponseEntity<byte[]> current(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
        PhotoService.CurrentPhoto current = photos.current(user, id);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.noStore().cachePrivate())
                .eTag(current.photo().sha256())
                .body(current.jpeg());
    }

    @PostMapping(path = "/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PhotoArchiveImport.Report importArchive(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "archive", required = false) MultipartFile archive) {
        return archives.importUpload(user, archive);
    }

    /** The uploaded bytes; a file larger than the limit is refused without reading it. */
    static byte[] bytesOf(MultipartFile file, int maxBytes) {
        if (file == null || file.isEmpty()) {
            throw DomainException.badRequest("photo.required");
        }
        if (file.getSize() > maxBytes) {
            throw DomainException.badRequest("photo.too-large", maxBytes / 1024);
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw DomainException.badRequest("photo.corrupt");
        }
    }
}
