package cn.titlecert.error;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A refusal on a page (not found, not yours) shows the error page with its message and status. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class PageExceptionHandler {

    @ExceptionHandler(DomainException.class)
    ModelAndView refused(DomainException e) {
        ModelAndView view = new ModelAndView("error", Map.of("status", e.status().value(), "code", e.code()));
        view.setStatus(e.status());
        return view;
    }
}
