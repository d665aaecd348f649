import { defineMessages } from "./define";

/** Page titles that no heading already says, confirmations, and the error summary's lines. */
export const a11yMessages = defineMessages(
  {
    "title.print": "打印版",
    "title.nomination": "推荐材料",
    "form.errorLine": "{field}：{message}",
    "form.requiredMarker": "（必填）",
    "confirm.sheetSubmitted": "已提交「{label}」的评分。",
    "confirm.draftSaved": "草稿已保存；提交前仍可修改。",
    "confirm.nominationSubmitted": "推荐已提交，等待主办单位审核。",
    "confirm.nominationSaved": "推荐已保存为草稿，尚未提交。",
    "confirm.changesSaved": "修改已保存。",
  },
  {
    "title.print": "Print version",
    "title.nomination": "Nomination",
    "form.errorLine": "{field}: {message}",
    "form.requiredMarker": "(required)",
    "confirm.sheetSubmitted": "Your scores for “{label}” have been submitted.",
    "confirm.draftSaved": "Draft saved. You can change it until you submit.",
    "confirm.nominationSubmitted": "The nomination has been submitted for the organizer's review.",
    "confirm.nominationSaved": "The nomination is saved as a draft; it has not been submitted.",
    "confirm.changesSaved": "Your changes have been saved.",
  },
);
