import { defineMessages } from "./define";

/**
 * Notifications (docs/domain.md#notifications): for each kind a subject (the inbox line and the
 * mail's subject) and a body (the mail's text). Parameters are names, titles and dates only.
 */
export const notificationMessages = defineMessages(
  {
    "notify.nomination_returned.subject": "推荐被退回：{name}（{competition}）",
    "notify.nomination_returned.body":
      "「{competition}」中{name}的推荐被退回，理由：{reason}。请修改后重新提交。",
    "notify.nomination_eligible.subject": "推荐通过资格审查：{name}",
    "notify.nomination_eligible.body": "「{competition}」中{name}的推荐已通过资格审查。",
    "notify.nomination_ineligible.subject": "推荐未通过资格审查：{name}",
    "notify.nomination_ineligible.body": "「{competition}」中{name}的推荐未通过资格审查，理由：{reason}。",
    "notify.sheets_assigned.subject": "新的评分任务：{count} 份（{competition}）",
    "notify.sheets_assigned.body": "您在「{competition}」的「{category}」中有 {count} 份评分表待评。",
    "notify.objection_filed.subject": "收到异议（{competition}）",
    "notify.objection_filed.body": "「{competition}」的公示收到一件异议，请及时处理。",
    "notify.notice_ending.subject": "公示期即将结束（{competition}）",
    "notify.notice_ending.body": "「{competition}」的公示期至 {end} 结束。",
    "notify.contest_report_returned.subject": "填报被退回：{period}（{competition}）",
    "notify.contest_report_returned.body": "{org}「{competition}」{period} 的填报被退回，理由：{reason}。",
    "notify.contest_application_decided.subject": "参赛申请已处理：{org}",
    "notify.contest_application_decided.body": "{org}参加「{competition}」的申请：{decision}。",
    "notify.reminder_nomination_drafts.subject": "推荐截止提醒：还有 {count} 份草稿（{competition}）",
    "notify.reminder_nomination_drafts.body":
      "「{competition}」的推荐将于 {end} 截止，您还有 {count} 份推荐未提交。",
    "notify.reminder_unsubmitted_sheets.subject": "评分截止提醒：还有 {count} 份未提交（{competition}）",
    "notify.reminder_unsubmitted_sheets.body":
      "「{competition}」的评审将于 {end} 截止，您还有 {count} 份评分表未提交。",
    "notify.reminder_contest_reports.subject": "填报截止提醒：{period}（{competition}）",
    "notify.reminder_contest_reports.body":
      "{org}「{competition}」{period} 的填报将于 {end} 截止，尚未提交。",
    "notify.mail.open": "打开：{url}",
    "notify.mail.footer": "此邮件由劳动竞赛与劳模表彰平台发出；可在“我的账户”中更改通知方式。",
  },
  {
    "notify.nomination_returned.subject": "Nomination returned: {name} ({competition})",
    "notify.nomination_returned.body":
      "The nomination of {name} in “{competition}” was returned: {reason}. Please correct it and submit it again.",
    "notify.nomination_eligible.subject": "Nomination found eligible: {name}",
    "notify.nomination_eligible.body":
      "The nomination of {name} in “{competition}” passed the eligibility review.",
    "notify.nomination_ineligible.subject": "Nomination found ineligible: {name}",
    "notify.nomination_ineligible.body":
      "The nomination of {name} in “{competition}” did not pass the eligibility review: {reason}.",
    "notify.sheets_assigned.subject": "New score sheets: {count} ({competition})",
    "notify.sheets_assigned.body":
      "You have {count} score sheets to fill in “{category}” of “{competition}”.",
    "notify.objection_filed.subject": "An objection was filed ({competition})",
    "notify.objection_filed.body":
      "The public notice of “{competition}” received an objection; please handle it.",
    "notify.notice_ending.subject": "The notice period is ending ({competition})",
    "notify.notice_ending.body": "The public notice of “{competition}” ends on {end}.",
    "notify.contest_report_returned.subject": "Report returned: {period} ({competition})",
    "notify.contest_report_returned.body":
      "The {period} report of {org} in “{competition}” was returned: {reason}.",
    "notify.contest_application_decided.subject": "Application decided: {org}",
    "notify.contest_application_decided.body": "The application of {org} to “{competition}”: {decision}.",
    "notify.reminder_nomination_drafts.subject": "Nominations close soon: {count} drafts ({competition})",
    "notify.reminder_nomination_drafts.body":
      "Nominating in “{competition}” closes on {end}; you have {count} nominations not yet submitted.",
    "notify.reminder_unsubmitted_sheets.subject": "Judging closes soon: {count} sheets ({competition})",
    "notify.reminder_unsubmitted_sheets.body":
      "Judging in “{competition}” closes on {end}; you have {count} score sheets not yet submitted.",
    "notify.reminder_contest_reports.subject": "Report due: {period} ({competition})",
    "notify.reminder_contest_reports.body":
      "The {period} report of {org} in “{competition}” is due on {end} and has not been submitted.",
    "notify.mail.open": "Open: {url}",
    "notify.mail.footer": "Sent by Laurel; you can change how you are notified on your account page.",
  },
);
