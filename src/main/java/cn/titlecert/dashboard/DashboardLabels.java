package cn.titlecert.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.titlecert.issuance.BatchStatus;

/** The words the dashboard's script needs (chart legends, batch states), in the page's language. */
@Component("dashboardLabels")
public class DashboardLabels {

    private static final List<String> KEYS = List.of("dashboard.series.issued", "dashboard.series.backlog",
            "dashboard.column.generated", "dashboard.column.waiting-for-photo", "dashboard.column.failed",
            "dashboard.series.pending", "dashboard.yes", "dashboard.no", "dashboard.empty", "dashboard.generated-at");

    private final MessageSource messages;
    private final ObjectMapper json;

    DashboardLabels(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** A JSON object, safe inside a {@code <script>} element (no {@code <} in it). */
    public String json(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : KEYS) {
            labels.put(key.substring("dashboard.".length()), messages.getMessage(key, null, locale));
        }
        for (BatchStatus status : BatchStatus.values()) {
            labels.put("status." + status, messages.getMessage("dashboard.batch-status." + status, null, locale));
        }
        try {
            return json.writeValueAsString(labels).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
