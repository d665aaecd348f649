import { defineMessages } from "./define";

/**
 * Messages that lead users past dead ends (issue 16): 文号 format and corrections, the publication's
 * confirm step, warnings on forms and results, and the rubric's row buttons.
 */
export const guidanceMessages = defineMessages(
  {
    "publication.docNumberFormat":
      "文号格式应为“发文机关代字〔年份〕序号号”，例如：陕工发〔2026〕88号（年份用六角括号〔〕，序号不以0开头）。",
    "publication.docNumberBrackets": "文号的年份应使用六角括号〔〕，不能用方括号或圆括号。应为：{suggestion}",
    "publication.docNumberYear":
      "文号中的年份 {year} 不对：应在 1949 年至发布日期所在的 {published} 年之间。",
    "publication.field.docNumberRule":
      "格式：发文机关代字〔年份〕序号号，例如：陕工发〔2026〕88号。年份用六角括号〔〕，不晚于发布日期的年份。",
    "publication.correctionSame": "更正后的文号与现在的文号相同。",
    "publication.correctionReason": "请填写更正理由。",
    "publication.correctionBeforePublication": "更正日期不能早于发布日期。",
    "publication.correct": "更正文号",
    "publication.correctIntro":
      "文号填错时可以更正：光荣榜上会注明“更正”及日期、理由；原发布时的校验码保持不变。",
    "publication.field.correctedDocNumber": "更正后的文号",
    "publication.field.correctionReason": "更正理由",
    "publication.field.correctedOn": "更正日期",
    "publication.corrected": "文号已更正为：{doc}",
    "publication.correctionLine": "更正：{date} 文号由“{previous}”更正为“{corrected}”。理由：{reason}",
    "publication.corrections": "更正记录",
    "publication.confirmTitle": "请确认发布",
    "publication.confirmIntro":
      "发布后名单即在光荣榜公开，所列对象被授予荣誉称号，且不能撤回（只能逐个撤销或更正文号）。请核对：",
    "publication.confirmEntries": "发布名单：{count} 项",
    "publication.confirm": "确认发布",
    "publication.back": "返回修改",
    "judging.panel.noJudges": "评审组还没有评委，无法分配评审任务：请先在上方加入评委（或外部纸质评委）。",
    "competitions.addCriterion": "添加一行评分细则",
    "competitions.removeCriterion": "删除第 {n} 行",
    "competitions.trimmedNeedsJudges":
      "去掉最高分和最低分需要每个推荐至少 {min} 份评分；每个推荐只由 {k} 位评委评审时，全部推荐都会改按平均分计算。请把每个推荐的评委人数设为至少 {min}，或改选其他计分方法。",
    "competitions.trimmedHint":
      "去掉最高分和最低分：每个推荐至少需要 {min} 份评分，少于 {min} 份的推荐按平均分计算。",
    "judging.trimmedByDesign":
      "本类别每个推荐只安排 {k} 位评委，而去掉最高分和最低分至少需要 {min} 份评分，所以全部推荐按平均分计算。",
    "judging.matrix.whenOpen": "评委评分矩阵：评审结束（进入决定阶段）后可查看",
    "judging.final.overQuotaTitle": "注意：名单超出名额。",
    "judging.final.overQuota": "名单共 {count} 名，名额 {quota} 名，多出 {over} 名：公示前请调整名单。",
    "nominations.returnedBecause": "本推荐已被退回（{at}，{by}），退回意见：",
    "competitions.goPublish": "发布表彰决定（填写文号）",
    "objection.factsMin": "至少 {min} 个字。",
    "objection.factsTooShort": "请写明可供核实的事实，至少 {min} 个字（现在 {count} 个字）。",
  },
  {
    "publication.docNumberFormat":
      "A document number reads issuer〔year〕serial号, e.g. 陕工发〔2026〕88号 (the year in the brackets 〔〕, a serial without leading zeros).",
    "publication.docNumberBrackets":
      "The year of a document number goes in the brackets 〔〕, not square or round ones. It should read: {suggestion}",
    "publication.docNumberYear":
      "The year {year} in the document number is wrong: it must lie between 1949 and {published}, the year of the publication date.",
    "publication.field.docNumberRule":
      "Format: issuer〔year〕serial号, e.g. 陕工发〔2026〕88号. The year in the brackets 〔〕, not after the publication date's year.",
    "publication.correctionSame": "The corrected document number is the same as the current one.",
    "publication.correctionReason": "Give the reason for the correction.",
    "publication.correctionBeforePublication": "The correction cannot be dated before the publication.",
    "publication.correct": "Correct the document number",
    "publication.correctIntro":
      "A mistyped document number can be corrected: the honor roll shows the correction (更正) with its date and reason; the digest of the list as first published stays.",
    "publication.field.correctedDocNumber": "Corrected document number",
    "publication.field.correctionReason": "Reason for the correction",
    "publication.field.correctedOn": "Date of the correction",
    "publication.corrected": "The document number now reads: {doc}",
    "publication.correctionLine":
      "Correction (更正) of {date}: document number “{previous}” corrected to “{corrected}”. Reason: {reason}",
    "publication.corrections": "Corrections",
    "publication.confirmTitle": "Confirm the publication",
    "publication.confirmIntro":
      "Once published, the list is public on the honor roll, everyone on it receives the title, and it cannot be withdrawn (only single titles revoked or the document number corrected). Check:",
    "publication.confirmEntries": "Entries on the list: {count}",
    "publication.confirm": "Publish now",
    "publication.back": "Back to the form",
    "judging.panel.noJudges":
      "The panel has no judges yet, so there is nothing to assign: add judges (or paper judges) above first.",
    "competitions.addCriterion": "Add a criterion row",
    "competitions.removeCriterion": "Remove row {n}",
    "competitions.trimmedNeedsJudges":
      "The trimmed mean needs at least {min} score sheets per nomination; with {k} judges per nomination every nomination falls back to the plain mean. Set at least {min} judges per nomination, or choose another method.",
    "competitions.trimmedHint":
      "Trimmed mean: each nomination needs at least {min} score sheets; one with fewer than {min} is scored by the plain mean.",
    "judging.trimmedByDesign":
      "Each nomination of this category has only {k} judges, and the trimmed mean needs at least {min} score sheets, so every nomination is scored by the plain mean.",
    "judging.matrix.whenOpen": "Score matrix: available once judging has closed (the deciding stage)",
    "judging.final.overQuotaTitle": "Warning: the list exceeds the quota.",
    "judging.final.overQuota":
      "The list has {count} entries for a quota of {quota}, {over} too many: adjust it before the notice.",
    "nominations.returnedBecause": "This nomination was returned ({at}, {by}) with this comment:",
    "competitions.goPublish": "Publish the decision (with its document number)",
    "objection.factsMin": "At least {min} characters.",
    "objection.factsTooShort": "Give facts that can be verified, at least {min} characters (now {count}).",
  },
);
