// What a person wrote in an e-mailed reply, without the quoted e-mail and their signature.
// email-reply-parser (GitHub's algorithm, with quote headers of many languages) does most of it; it
// lacks Romanian ("… a scris:") and the Polish and Romanian Outlook headers, which are cut first.
import EmailReplyParser from 'email-reply-parser';

/** Quoted text past this is never read: the parser's patterns are not linear on hostile input. */
const MAX_SCANNED = 200_000;

/** Quote headers the parser does not know: everything from such a line on is the quoted e-mail. */
const extraQuoteHeaders = [
  // Romanian: "În mar., 1 dec. 2026 la 10:00, Nume <e-mail> a scris:" (Gmail), "La 01.12.2026 10:00, Nume a scris:".
  /^(?:În|In|La|Pe)\s.{0,300}\sa\s+scris\s*:\s*$/imu,
  // Outlook's separator in Polish, Romanian and French.
  /^-{2,}\s*(?:Wiadomość oryginalna|Oryginalna wiadomość|Mesaj original|Mesajul original|Message d'origine|Original Message)\s*-{2,}\s*$/imu,
  // Outlook's header block without a separator line: "Od: Name <…>" followed by "Wysłano:/Trimis:/Envoyé :/Sent:".
  /^(?:From|Od|De|Von)\s?:.{0,300}\n(?:Sent|Wysłano|Data|Trimis|Envoyé|Date|Gesendet)\s?:/imu,
];

export function replyText(fullText: string): string {
  let text = fullText.replace(/\r\n?/g, '\n').slice(0, MAX_SCANNED);
  for (const pattern of extraQuoteHeaders) {
    const found = pattern.exec(text);
    if (found) text = text.slice(0, found.index);
  }
  const reply = new EmailReplyParser().parseReply(text);
  return reply.replace(/[ \t]+$/gm, '').trim();
}
