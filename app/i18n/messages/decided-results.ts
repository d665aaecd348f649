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
  },
  {
    "competition.ruleValueUnknown": "“{value}” is not a value of “{attribute}”; accepted values: {accepted}.",
    "competitions.ruleValuesTyped": "Values of ethnicity, political status, education (separated by ;)",
    "judging.rules.invalid":
      "These composition rules name values their attribute does not have; those values were left out of the selection:",
    "judging.rules.invalidRule":
      "“{rule}”: “{values}” is not a value of “{attribute}” (accepted values: {accepted}).",
    "judging.rules.notApplied": "The rule has no valid value left and was not applied.",
  },
);
