package cn.titlecert.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import cn.titlecert.certificate.TitleLevel;

/**
 * The title series (职称系列) and the title name of each level, read from {@code titlecert.imports.title-catalogue}.
 * An import accepts only series listed here, and a title name the catalogue knows only at the level it lists it.
 */
@Component
public class TitleCatalogue {

    private final Map<String, Map<TitleLevel, String>> titles;

    public TitleCatalogue(ImportSettings settings, ResourceLoader resources) {
        Map<String, Map<TitleLevel, String>> read = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                resources.getResource(settings.titleCatalogue()).getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                if (header || line.isBlank()) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < 4) {
                    throw new IllegalStateException("title catalogue: bad line " + line);
                }
                read.computeIfAbsent(f[0].strip(), s -> new EnumMap<>(TitleLevel.class))
                        .put(TitleLevel.valueOf(f[1].strip()), f[3].strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("title catalogue " + settings.titleCatalogue(), e);
        }
        this.titles = Collections.unmodifiableMap(read);
    }

    public List<String> series() {
        return new ArrayList<>(titles.keySet());
    }

    public boolean knowsSeries(String series) {
        return titles.containsKey(series);
    }

    public Optional<String> title(String series, TitleLevel level) {
        return Optional.ofNullable(titles.getOrDefault(series, Map.of()).get(level));
    }

    /** The level at which the catalogue lists this title name in the series, if it lists it. */
    public Optional<TitleLevel> levelOf(String series, String titleName) {
        return titles.getOrDefault(series, Map.of()).entrySet().stream().filter(e -> e.getValue().equals(titleName))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Every title name, for the template's explanations. */
    public Map<String, Map<TitleLevel, String>> all() {
        Map<String, Map<TitleLevel, String>> copy = new HashMap<>();
        titles.forEach((k, v) -> copy.put(k, new EnumMap<>(v)));
        return copy;
    }
}
