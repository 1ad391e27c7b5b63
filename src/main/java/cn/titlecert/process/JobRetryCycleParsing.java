package cn.titlecert.process;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine parses the failed-job retry cycle ({@code R5/PT1M}) for every job it creates, each time with a new
 * {@link DatatypeFactory}, and {@link DatatypeFactory#newInstance()} first asks {@link java.util.ServiceLoader} for a
 * provider: a search of every jar on the class path (about 300 here, nested in the executable jar in production).
 * That search was 40% of the CPU time of dispatching a month's cases (one job each; JFR profile of the issuance
 * benchmark). No jar of the product provides a factory (JobRetryCycleParsingTest checks it), so the search always
 * ends with the JDK's own; naming that one in the system property the lookup reads first gives the same factory
 * without the search. A factory named by whoever starts the JVM is left as it is.
 */
@Component
class JobRetryCycleParsing extends AbstractProcessEnginePlugin {

    static final String PROPERTY = DatatypeFactory.DATATYPEFACTORY_PROPERTY;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }
}
