package cn.titlecert.process;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractDeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractModificationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AbstractRestartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleExternalTaskCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.PrimitiveValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import cn.titlecert.error.ErrorMessages;
import cn.titlecert.security.Role;

/**
 * What a person can make the engine do through its REST API, Tasklist or Cockpit: the commands the engine runs for an
 * authenticated user. Completing a task hands over the decision variables of that step and nothing else, and only
 * with the role the step needs; nobody but an administrator sets or removes variables, starts, moves, migrates,
 * restarts, messages, signals or deletes instances, or gives a task to someone else. The engine's authorizations
 * decide the rest (who sees and works on which task). The product's own services and the job executor run without
 * such a user: they are the only writers of a case's routing (path, level, tiers, candidate groups, case id, outcome).
 */
@Component
class CallerCommandGuard extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CallerCommandGuard.class);

    /** Commands that change a case's data or course, or who works on it. Retrying a failed job is not one of them. */
    private static final List<Class<?>> STEERING = List.of(AbstractVariableCmd.class, AbstractPatchVariablesCmd.class,
            SetVariablesToProcessInstancesBatchCmd.class, ModifyProcessInstanceCmd.class,
            ModifyProcessInstanceAsyncCmd.class, AbstractModificationCmd.class,
            AbstractProcessInstanceModificationCommand.class, AbstractRestartProcessInstanceCmd.class,
            MigrateProcessInstanceCmd.class, StartProcessInstanceCmd.class, StartProcessInstanceAtActivitiesCmd.class,
            SubmitStartFormCmd.class, EvaluateStartConditionCmd.class, AbstractCorrelateMessageCmd.class,
            MessageEventReceivedCmd.class, SignalCmd.class, SignalEventReceivedCmd.class,
            SetProcessDefinitionVersionCmd.class, HandleExternalTaskCmd.class, AbstractDeleteProcessInstanceCmd.class,
            DeleteTaskCmd.class, SaveTaskCmd.class, DelegateTaskCmd.class, DeleteIdentityLinkCmd.class,
            AbstractSetTaskPropertyCmd.class,
            // A job run early or rescheduled moves a case too: a month's release, an upload deadline.
            ExecuteJobsCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class);

    private final ObjectProvider<ErrorMessages> errors;

    CallerCommandGuard(ObjectProvider<ErrorMessages> errors) {
        this.errors = errors;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // One interceptor per chain: each knows the next one of its own chain.
        configuration.setCustomPreCommandInterceptorsTxRequired(
                with(configuration.getCustomPreCommandInterceptorsTxRequired(), new Interceptor(configuration)));
        configuration.setCustomPreCommandInterceptorsTxRequiresNew(
                with(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), new Interceptor(configuration)));
    }

    private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor interceptor) {
        List<CommandInterceptor> list = new ArrayList<>(existing == null ? List.of() : existing);
        list.add(0, interceptor);
        return list;
    }

    private final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            // Only the outermost command is the caller's; commands the product's listeners run inside it are its own.
            if (Context.getCommandContext() == null) {
                Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
                if (caller != null && caller.getUserId() != null) {
                    check(command, caller);
                }
            }
            return next.execute(command);
        }

        private void check(Command<?> command, Authentication caller) {
            if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
                String taskId = (String) field(command, "taskId");
                @SuppressWarnings("unchecked")
                Map<String, Object> variables = (Map<String, Object>) field(command,
                        command instanceof SubmitTaskFormCmd ? "properties" : "variables");
                checkCompletion(caller, taskId, variables);
                return;
            }
            if (isAdministrator(caller)) {
                return;
            }
            if (command instanceof ClaimTaskCmd) {
                requireSelf(caller, (String) field(command, "userId"), command);
                return;
            }
            if (command instanceof AssignTaskCmd) {
                requireSelf(caller, (String) field(command, "value"), command);
                return;
            }
            for (Class<?> steering : STEERING) {
                if (steering.isInstance(command)) {
                    refuse(caller, command);
                }
            }
        }

        /** A claim or an unclaim for oneself; handing the task to another person is refused. */
        private void requireSelf(Authentication caller, String userId, Command<?> command) {
            if (userId != null && !userId.equals(caller.getUserId())) {
                refuse(caller, command);
            }
        }

        private void refuse(Authentication caller, Command<?> command) {
            log.warn("Refused {} for user {} through the engine", command.getClass().getSimpleName(), caller.getUserId());
            throw new AuthorizationException(text("error.engine.operation-not-allowed"));
        }

        private void checkCompletion(Authentication caller, String taskId, Map<String, Object> variables) {
            TaskService tasks = configuration.getTaskService();
            Task task = taskId == null ? null : tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                return; // the command itself answers for a task the caller cannot see or that does not exist
            }
            TaskInputs.Step step = TaskInputs.of(task.getTaskDefinitionKey());
            if (step.role().isPresent() && !isAdministrator(caller)
                    && (caller.getGroupIds() == null || !caller.getGroupIds().contains(step.role().get().groupId()))) {
                log.warn("Refused completing {} for user {}: role {} needed", task.getTaskDefinitionKey(),
                        caller.getUserId(), step.role().get());
                throw new AuthorizationException(text("error.engine.role-required"));
            }
            if (variables == null || variables.isEmpty()) {
                return;
            }
            TreeSet<String> refused = new TreeSet<>();
            for (Map.Entry<String, Object> entry : variables.entrySet()) {
                String name = entry.getKey();
                if (step.variables().contains(name)) {
                    if (!isPlainValue(entry.getValue())) {
                        refused.add(name);
                    }
                } else if (!unchanged(tasks, taskId, name, entry.getValue())) {
                    refused.add(name);
                }
            }
            if (!refused.isEmpty()) {
                log.warn("Refused completing {} for user {}: variables {} are not the step's", task.getTaskDefinitionKey(),
                        caller.getUserId(), refused);
                // A form field's refusal: both REST APIs (the engine's and Tasklist's) answer it with 400.
                throw new FormFieldValidationException(String.join(",", refused), text("error.engine.variables-not-allowed",
                        String.join(", ", new TreeSet<>(step.variables())), String.join(", ", refused)));
            }
        }

        /**
         * A form may send back a field it only shows (a case's number) with the value it was given; that changes
         * nothing and is let through. Any other value is an attempt to set the variable.
         */
        private boolean unchanged(TaskService tasks, String taskId, String name, Object submitted) {
            if (!isPlainValue(submitted)) {
                return false;
            }
            Object current = tasks.getVariable(taskId, name);
            return current != null && Objects.equals(normalised(current), normalised(plain(submitted)));
        }

        private String text(String key, Object... args) {
            ErrorMessages messages = errors.getIfAvailable();
            return messages == null ? key : messages.text(key, args);
        }
    }

    private static boolean isAdministrator(Authentication caller) {
        return caller.getGroupIds() != null && caller.getGroupIds().contains(Role.ADMIN.groupId());
    }

    /** Text, numbers, yes/no and dates; never an object, a file or serialized data. */
    private static boolean isPlainValue(Object value) {
        if (value instanceof TypedValue typed) {
            if (!(typed instanceof PrimitiveValue<?>)) {
                return typed.getValue() == null && typed.getType() != null && typed.getType().isPrimitiveValueType();
            }
            value = typed.getValue();
        }
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Date;
    }

    private static Object plain(Object value) {
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private static Object normalised(Object value) {
        if (value instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                return number;
            }
        }
        return value;
    }

    /** The engine's commands keep their arguments in protected fields (stable across 7.x); read them by name. */
    static Object field(Object command, String name) {
        for (Class<?> type = command.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(command);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " has no field " + name);
    }
}
