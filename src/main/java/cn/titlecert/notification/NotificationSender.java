package cn.titlecert.notification;

/** The port to the outside: one adapter per channel (SMTP for e-mail, an HTTP gateway for text messages). */
public interface NotificationSender {

    Channel channel();

    /** Hands one message over; throws when the gateway refused it (the dispatcher retries later). */
    void deliver(String recipient, String subject, String body) throws Exception;
}
