import { defineMessages } from "./define";

/** `laurel reminders run` and the server's reminder job (docs/operations.md#reminders). */
export const reminderMessages = defineMessages(
  {
    "reminders.queued": "已生成 {count} 条提醒。",
    "reminders.dryRun": "试运行：将生成 {count} 条提醒；未写入任何内容。",
  },
  {
    "reminders.queued": "{count, plural, one {# reminder} other {# reminders}} queued.",
    "reminders.dryRun":
      "Dry run: {count, plural, one {# reminder} other {# reminders}} would be queued; nothing was written.",
  },
);
