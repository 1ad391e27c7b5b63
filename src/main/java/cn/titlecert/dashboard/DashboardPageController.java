package cn.titlecert.dashboard;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.titlecert.security.CurrentUser;

/** The dashboard page: a frame whose charts and tables the browser fills from {@code GET /api/dashboard}. */
@Controller
class DashboardPageController {

    private final DashboardService dashboards;

    DashboardPageController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/dashboard")
    String dashboard(@AuthenticationPrincipal CurrentUser user, Model model) {
        dashboards.requireAllowed(user);
        return "dashboard";
    }
}
