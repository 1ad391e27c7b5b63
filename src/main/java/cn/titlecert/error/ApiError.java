package cn.titlecert.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The error body of the HTTP API: {@code {"code": "...", "message": "..."}}, plus field errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String message, List<FieldProblem> fields) {

    public ApiError(String code, String message) {
        this(code, message, List.of());
    }

    public record FieldProblem(String field, String message) {
    }
}
