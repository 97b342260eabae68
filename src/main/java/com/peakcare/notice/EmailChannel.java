package com.peakcare.notice;

import com.peakcare.web.DeliverableEmail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * E-mail over SMTP with Spring Mail, configured by {@code peakcare.notice.email.*}. The sender is this channel's
 * own, not an application-wide bean: Spring Boot would otherwise add an SMTP health check, and an SMTP outage
 * (which notices survive through retries) would mark every node DOWN at its load balancer.
 * The Message-ID is derived from the notice key, so a re-send after a crash is recognisably the same message. Before
 * it leaves, the address is checked again ({@link DeliverableEmail}: no IP literal, no quoted local part) and subject
 * and text hold no control character but line breaks and tabs ({@link Unsendable}).
 */
@Component
class EmailChannel implements NoticeChannel {

  private final NoticeProperties.Email config;
  private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

  EmailChannel(NoticeProperties properties) {
    this.config = properties.getEmail();
    sender.setHost(config.getHost());
    sender.setPort(config.getPort());
    if (!config.getUsername().isBlank()) {
      sender.setUsername(config.getUsername());
      sender.setPassword(config.getPassword());
    }
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    Properties props = new Properties();
    String timeout = String.valueOf(config.getTimeout().toMillis());
    props.put("mail.smtp.connectiontimeout", timeout);
    props.put("mail.smtp.timeout", timeout);
    props.put("mail.smtp.writetimeout", timeout);
    props.put("mail.smtp.auth", String.valueOf(!config.getUsername().isBlank()));
    props.put("mail.smtp.starttls.enable", String.valueOf(config.isStarttls()));
    sender.setJavaMailProperties(props);
  }

  @Override
  public String name() {
    return NoticeDelivery.EMAIL;
  }

  @Override
  public boolean enabled() {
    return config.isEnabled();
  }

  @Override
  public boolean reaches(String phone, String email) {
    return email != null && !email.isBlank();
  }

  @Override
  public void send(NoticeOutbox.Stored notice) {
    if (!DeliverableEmail.Check.isDeliverable(notice.email())) {
      throw new Unsendable("e-mail address is not one PeakCare delivers to (an IP literal, a quoted or malformed "
          + "address)");
    }
    Unsendable.refuseControlCharacters("e-mail subject", notice.subject());
    Unsendable.refuseControlCharacters("e-mail text", notice.notice().text());
    String messageId = "<" + notice.notice().key().replaceAll("[^A-Za-z0-9.-]", ".") + "@notice.peakcare>";
    try {
      MimeMessage message = new FixedIdMessage(sender.getSession(), messageId);
      message.setFrom(new InternetAddress(config.getFrom(), true));
      message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(notice.email(), true));
      message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
      message.setText(notice.notice().text(), StandardCharsets.UTF_8.name());
      message.setHeader("X-PeakCare-Notice", notice.notice().key());
      sender.send(message);
    } catch (MessagingException e) {
      throw new IllegalStateException("e-mail not accepted: " + e.getMessage(), e);
    }
  }

  /** Keeps the Message-ID that JavaMail would otherwise replace with a random one on send. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
