package cn.titlecert.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.Test;

class JobRetryCycleParsingTest {

    /** Naming the JDK's factory changes nothing only while no jar provides another one. */
    @Test
    void noJarOnTheClassPathProvidesADatatypeFactory() {
        assertThat(ServiceLoader.load(DatatypeFactory.class)).isEmpty();
    }

    @Test
    void theEngineParsesRetryCyclesWithTheJdksFactoryWithoutSearchingTheClassPath() throws Exception {
        String before = System.getProperty(JobRetryCycleParsing.PROPERTY);
        try {
            System.clearProperty(JobRetryCycleParsing.PROPERTY);
            new JobRetryCycleParsing().preInit(null);
            assertThat(System.getProperty(JobRetryCycleParsing.PROPERTY))
                    .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
            assertThat(DatatypeFactory.newInstance().getClass().getName())
                    .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
            // The product's retry cycle, as the engine reads it for each job it creates.
            DurationHelper cycle = new DurationHelper("R5/PT1M");
            assertThat(cycle.getTimes()).isEqualTo(5);

            System.setProperty(JobRetryCycleParsing.PROPERTY, "org.example.ChosenByTheOperator");
            new JobRetryCycleParsing().preInit(null);
            assertThat(System.getProperty(JobRetryCycleParsing.PROPERTY)).isEqualTo("org.example.ChosenByTheOperator");
        } finally {
            if (before == null) {
                System.clearProperty(JobRetryCycleParsing.PROPERTY);
            } else {
                System.setProperty(JobRetryCycleParsing.PROPERTY, before);
            }
        }
    }
}
