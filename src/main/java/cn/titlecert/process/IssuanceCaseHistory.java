package cn.titlecert.process;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.jobexecutor.MessageJobDeclaration;
import org.springframework.stereotype.Component;

import cn.titlecert.issuance.IssuanceService;

/**
 * The engine keeps full history, except for two kinds of rows of the generation processes ({@code issuance-group},
 * which runs hundreds of times a month, and {@code issuance-case}, for the cases a group hands over): their activity
 * instances (start, generation, end: the same steps every time) and the log line of their job's creation. What an
 * operator or an auditor needs stays: the instance itself with start and end, the job's success or failure with the
 * node that ran it, incidents; the product's own records hold the rest (the item's status, the certificate, the
 * audit entry). Leaving those rows out saves six row writes per generation job out of about twenty the engine makes.
 *
 * <p>The history level stays {@code full}, so databases created before start as they are and every other process
 * keeps all of its history.
 */
@Component
class IssuanceCaseHistory extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(new Filtered());
        configuration.setCustomHistoryEventHandlers(handlers);
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        if (configuration.getHistoryEventProducer() == null) {
            configuration.setHistoryEventProducer(new StartRemovalTimeProducer());
        }
    }

    /** Whether the engine writes this event to the history tables. */
    static boolean kept(HistoryEvent event) {
        if (!IssuanceService.CASE_PROCESS.equals(event.getProcessDefinitionKey())
                && !IssuanceService.GROUP_PROCESS.equals(event.getProcessDefinitionKey())) {
            return true;
        }
        if (event instanceof HistoricActivityInstanceEventEntity) {
            return false;
        }
        return !(event instanceof HistoricJobLogEvent log && log.getState() == JobState.CREATED.getStateCode());
    }

    /**
     * The engine's default producer with two corrections for removal times taken from an instance's start (the
     * {@code start} strategy this product runs). It read each job's configuration as the id of a batch whose removal
     * time the job's log line would take: an asynchronous continuation's configuration ("async-before",
     * "async-after") never names one, so every certificate's job looked up a batch that cannot exist; other
     * configurations (a real batch's id among them) are looked up as before. And it left without removal time the
     * rows written in the command that ends an instance (see {@link #provideRemovalTime(HistoryEvent)}).
     */
    static final class StartRemovalTimeProducer extends CacheAwareHistoryEventProducer {

        /** The engine's own statement behind a by-id look-up of an instance's history row (start and removal time). */
        private static final String STORED_INSTANCE = "selectHistoricProcessInstanceEvent";

        @Override
        protected HistoricBatchEntity getHistoricBatchById(String batchId) {
            if (MessageJobDeclaration.ASYNC_BEFORE.equals(batchId) || MessageJobDeclaration.ASYNC_AFTER.equals(batchId)) {
                return null;
            }
            return super.getHistoricBatchById(batchId);
        }

        /**
         * A history row of an instance that ended in the same command (the log line of the job that ran a case to its
         * end) took its removal time from the instance's end event held in the command's cache, which carries none
         * under the "start" strategy: such rows would never be cleaned up. They get the removal time stored with the
         * instance, read past the cache.
         */
        @Override
        protected void provideRemovalTime(HistoryEvent historyEvent) {
            super.provideRemovalTime(historyEvent);
            String root = historyEvent.getRootProcessInstanceId();
            if (historyEvent.getRemovalTime() != null || root == null || !isHistoryRemovalTimeStrategyStart()) {
                return;
            }
            HistoricProcessInstanceEventEntity cached = Context.getCommandContext().getDbEntityManager()
                    .getCachedEntity(HistoricProcessInstanceEventEntity.class, root);
            if (cached == null || cached.getEndTime() == null) {
                return; // not ended in this command: the instance has no removal time indeed (e.g. started before)
            }
            Object stored = Context.getCommandContext().getDbSqlSession().selectOne(STORED_INSTANCE, root);
            if (stored instanceof HistoricProcessInstanceEventEntity instance) {
                historyEvent.setRemovalTime(instance.getRemovalTime());
            }
        }
    }

    /** The engine's own database writer, given only the events that are kept (its handleEvents calls this). */
    static final class Filtered extends DbHistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (kept(event)) {
                super.handleEvent(event);
            }
        }
    }
}
