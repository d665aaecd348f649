import { defineMessages } from "./define";

/** Messages of checked composition rules, 递补 with its own notice, and the decided results (issue #16). */
export const decidedResultsMessages = defineMessages(
  {
    "competition.ruleValueUnknown": "「{value}」不是「{attribute}」的取值；可用的取值：{accepted}。",
    "competitions.ruleValuesTyped": "民族、政治面貌、文化程度的取值（用 ; 分隔）",
    "judging.rules.invalid": "以下结构比例要求含有不属于其属性的取值，这些取值未计入选择：",
    "judging.rules.invalidRule":
      "「{rule}」：「{values}」不是「{attribute}」的取值（可用的取值：{accepted}）。",
    "judging.rules.notApplied": "该要求没有有效取值，未参与选择。",
    "notice.refuse.replacementNotEnded": "递补人选{name}的公示期至 {end} 结束，结束后方可发布表彰决定。",
    "notice.promoted.badge": "递补",
    "notice.promoted.on": "{date}递补",
    "notice.promoted.until": "公示至 {end}",
    "notice.promoted.objectionsOpen": "递补人选的公示期尚未结束，可对其提出异议。",
    "objection.freshNotice.legend": "递补人选的公示",
    "objection.freshNotice.yes": "另行公示，期限与原公示相同（通常做法；期满前不能发布表彰决定）",
    "objection.freshNotice.no": "不另行公示，随原公示期结束",
    "judging.decided.title": "决定时的结果",
    "judging.decided.meta": "{by} 于 {at} 决定拟表彰名单，评分方法：{method}。此后的撤回、更正不改变本表。",
    "judging.decided.standard": "标准分",
    "judging.decided.column": "决定时（名次 · 得分）",
    "judging.recomputed.title": "按当前评分重新计算",
    "judging.recomputed.hint":
      "以下按当前的评分和名单重新计算，仅供对照；拟表彰名单以决定时的结果为准。与决定时不同的名次或得分已标出。",
  },
  {
    "competition.ruleValueUnknown": "“{value}” is not a value of “{attribute}”; accepted values: {accepted}.",
    "competitions.ruleValuesTyped": "Values of ethnicity, political status, education (separated by ;)",
    "judging.rules.invalid":
      "These composition rules name values their attribute does not have; those values were left out of the selection:",
    "judging.rules.invalidRule":
      "“{rule}”: “{values}” is not a value of “{attribute}” (accepted values: {accepted}).",
    "judging.rules.notApplied": "The rule has no valid value left and was not applied.",
    "notice.refuse.replacementNotEnded":
      "The replacement {name} is on notice until {end}; the decision can be published after that.",
    "notice.promoted.badge": "Replacement",
    "notice.promoted.on": "replacement since {date}",
    "notice.promoted.until": "on notice until {end}",
    "notice.promoted.objectionsOpen":
      "A replacement's notice period is still running: objections to it are taken.",
    "objection.freshNotice.legend": "Notice of the replacement",
    "objection.freshNotice.yes":
      "Its own notice period, as long as the first (the common practice; the decision waits for it)",
    "objection.freshNotice.no": "No notice of its own: it ends with the first notice",
    "judging.decided.title": "Results as decided",
    "judging.decided.meta":
      "Decided by {by} on {at}, method: {method}. Withdrawals and corrections since then do not change this table.",
    "judging.decided.standard": "Standard score",
    "judging.decided.column": "As decided (rank · score)",
    "judging.recomputed.title": "Recomputed from the current scores",
    "judging.recomputed.hint":
      "Recomputed from the scores and nominees as they stand now, for comparison only; the proposed list is the one decided above. Ranks or scores that differ from the decision are marked.",
  },
);
