package cn.titlecert.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

import cn.titlecert.TitlecertProperties;

/**
 * Deploys the models of {@code bpmn/} and the forms of {@code forms/} at start, as one named
 * deployment with duplicate filtering: an unchanged file creates no new version, a changed one does,
 * and running instances stay on the version they started with.
 */
@Component
@Order(20)
public class ProcessResourceDeployer implements ApplicationRunner {

    public static final String DEPLOYMENT_NAME = "titlecert";
    private static final Logger log = LoggerFactory.getLogger(ProcessResourceDeployer.class);

    private final RepositoryService repository;
    private final TitlecertProperties properties;
    private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    public ProcessResourceDeployer(RepositoryService repository, TitlecertProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Map<String, byte[]> resources = new TreeMap<>();
        for (String pattern : properties.deployment().resources()) {
            for (Resource resource : resolver.getResources(pattern)) {
                if (resource.isReadable()) {
                    resources.put(nameOf(resource, pattern), read(resource));
                }
            }
        }
        deploy(resources);
    }

    /**
     * Deploys the given resources (name to content); only resources that changed since the last
     * deployment of the same name become new versions.
     */
    public DeploymentWithDefinitions deploy(Map<String, byte[]> resources) {
        if (resources.isEmpty()) {
            log.info("No process models or forms to deploy");
            return null;
        }
        DeploymentBuilder builder = repository.createDeployment().name(DEPLOYMENT_NAME).source("titlecert")
                .enableDuplicateFiltering(true);
        resources.forEach((name, bytes) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(bytes)));
        DeploymentWithDefinitions deployment = builder.deployWithResult();
        log.info("Process resources: {} read, {} new process definition version(s), {} new decision version(s)",
                resources.size(), sizeOf(deployment.getDeployedProcessDefinitions()),
                sizeOf(deployment.getDeployedDecisionDefinitions()));
        return deployment;
    }

    private static int sizeOf(java.util.List<?> list) {
        return list == null ? 0 : list.size();
    }

    /** The resource's path below its top folder, e.g. {@code bpmn/acquisition-self-appointment.bpmn}. */
    static String nameOf(Resource resource, String pattern) throws IOException {
        String url = resource.getURL().toString();
        String root = pattern.substring(pattern.indexOf(':') + 1);
        root = root.substring(0, root.indexOf('/') + 1); // "bpmn/" or "forms/"
        int at = url.lastIndexOf("/" + root);
        return at >= 0 ? url.substring(at + 1) : resource.getFilename();
    }

    private static byte[] read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
