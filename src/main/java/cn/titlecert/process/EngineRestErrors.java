package cn.titlecert.process;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine wraps whatever a task listener throws, so a decision our listener refuses (no reason given
 * in Camunda Tasklist) would reach the REST client as a 500. This mapper answers 400 with the reason
 * when the cause is a bad user request; every other error keeps the engine's own mapping.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestErrors {

    @Bean
    ResourceConfigCustomizer badRequestsFromListeners() {
        return config -> {
            config.register(BadRequestCauseMapper.class);
            config.register(RestBadRequestCauseMapper.class);
            config.register(InvisibleTaskFormMapper.class);
        };
    }

    /**
     * {@code GET /task/{id}/deployed-form} for a task the caller may not see (or that does not exist) fails inside
     * the engine 7.24 with a NullPointerException (its authorization check receives no task) and would answer 500.
     * Answered as the engine answers any other unknown task: 404, revealing nothing.
     */
    @Priority(1000)
    public static class InvisibleTaskFormMapper implements ExceptionMapper<NullPointerException> {

        @Override
        public Response toResponse(NullPointerException exception) {
            boolean deployedForm = java.util.Arrays.stream(exception.getStackTrace())
                    .anyMatch(f -> f.getClassName().startsWith("org.camunda.bpm.engine.impl.")
                            && f.getClassName().endsWith("GetDeployedTaskFormCmd"));
            if (!deployedForm) {
                return ExceptionHandlerHelper.getInstance().getResponse(exception);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "InvalidRequestException");
            body.put("message", "No task found for this id");
            return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
        }
    }

    @Priority(1000)
    public static class BadRequestCauseMapper implements ExceptionMapper<ProcessEngineException> {

        @Override
        public Response toResponse(ProcessEngineException exception) {
            Response badRequest = badRequestCause(exception);
            return badRequest != null ? badRequest : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    /** The REST resources wrap engine errors once more (e.g. "Cannot submit task form"). */
    @Priority(1000)
    public static class RestBadRequestCauseMapper implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            Response badRequest = badRequestCause(exception);
            return badRequest != null ? badRequest : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    static Response badRequestCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof BadUserRequestException bad) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", BadUserRequestException.class.getSimpleName());
                body.put("message", bad.getMessage());
                body.put("code", bad.getCode());
                return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(body).build();
            }
        }
        return null;
    }
}
