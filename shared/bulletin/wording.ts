/**
 * The wording of the 督查通报 and the 督办通知, editable in 设置: templates with placeholders in the office's
 * own words ({季度} {目标总数} {滞后数}…). The defaults follow the bulletins city offices publish: an opening
 * naming the work report, the overall count with shares and the rule, the lagging items one by one,
 * reporting discipline, next steps, the office and the date.
 */

export interface BulletinWording {
  title: string;
  /** 主送: who the bulletin goes to. */
  recipients: string;
  opening: string;
  overall: string;
  rule: string;
  /** One line per leader, unit or section. */
  groupLine: string;
  laggingIntro: string;
  laggingItem: string;
  /** Added to an item when the return gives a reason. */
  reason: string;
  /** Added to an item when the meeting decided a 督办意见. */
  note: string;
  noLagging: string;
  lateReturns: string;
  missingReturns: string;
  notReported: string;
  copied: string;
  disciplineNone: string;
  /** One paragraph per line; a line opening with （一）… has its first sentence set as a heading. */
  nextSteps: string;
  office: string;
  noticeTitle: string;
  noticeOpening: string;
  noticeItem: string;
  noticeRequest: string;
}

export const DEFAULT_BULLETIN_WORDING: Readonly<BulletinWording> = Object.freeze({
  title: '关于{年}年《政府工作报告》责任目标{季度}推进情况的督查通报',
  recipients: '各县区人民政府，市政府各部门，各有关单位：',
  opening:
    '为推动{年}年《政府工作报告》确定的各项目标任务落地见效，{发文单位}对{目标总数}项责任目标{季度}推进情况进行了调度督查。现将有关情况通报如下。',
  overall:
    '从调度情况看，{目标总数}项责任目标中，已完成{已完成数}项，占{已完成占比}；超进度{超进度数}项，占{超进度占比}；序时推进{序时推进数}项，占{序时推进占比}；滞后{滞后数}项，占{滞后占比}；未报送{未报送数}项，占{未报送占比}；长期坚持{长期坚持数}项，占{长期坚持占比}。',
  rule:
    '判定依据：以序时进度衡量，截至{季度}末年度序时进度为{序时进度}。数量目标按实际完成占目标的比例与序时进度比较，达到序时进度{绿灯阈值}以上的为序时推进，达到{超进度阈值}以上的为超进度，低于{绿灯阈值}的为滞后；增速目标按实际增速与目标比较，低于目标的为滞后；自报“否”的计为滞后；自报“是”但数据落后的，按滞后统计并列为自报与数据不符。',
  groupLine: '{名称}：{目标总数}项，其中{状态分布}。',
  laggingIntro: '{滞后及不符数}项责任目标进度滞后或自报情况与数据不符，具体如下：',
  laggingItem: '{编号}.第{序号}项：{目标内容}（责任单位：{责任单位}）。{完成数据}。',
  reason: '据报，{原因}。',
  note: '督办意见：{督办意见}',
  noLagging: '各项责任目标均按序时推进，未发现进度滞后或自报情况与数据不符的情况。',
  lateReturns: '逾期报送的单位（报送截止日期{报送截止日期}）：{迟报单位}。',
  missingReturns: '截至通报时仍未报送的单位：{未报单位}。',
  notReported: '未报送完成情况的责任目标：{未报目标}。',
  copied: '完成情况照搬上季度内容的：{照抄单位}。',
  disciplineNone: '各责任目标均已报送完成情况，未发现逾期报送、漏报或照搬上季度内容的情况。',
  nextSteps: [
    '（一）压紧压实工作责任。各责任单位要对照责任目标逐项梳理推进情况，对进度滞后的目标认真分析原因，制定针对性措施，明确完成时限，确保按期完成。',
    '（二）强化跟踪督办。{发文单位}将对滞后目标实行清单化管理，跟踪督办、定期通报，对整改不力的提请市政府约谈。',
    '（三）严肃报送纪律。各责任单位要按时、如实报送推进情况，不得照搬上季度内容；迟报、漏报、照抄的，纳入年度考核扣分。',
  ].join('\n'),
  office: '{城市}人民政府办公室',
  noticeTitle: '督办通知',
  noticeOpening: '根据{年}年《政府工作报告》责任目标{季度}推进情况调度，你单位牵头的{目标数}项责任目标进度滞后或自报情况与数据不符，现予督办：',
  noticeItem: '{编号}.第{序号}项：{目标内容}。{完成数据}。',
  noticeRequest: '请你单位高度重视，认真分析原因，制定切实可行的整改措施，明确完成时限，于{回复期限}前将整改措施和推进计划书面报送{发文单位}。',
});

export const BULLETIN_WORDING_KEYS = Object.keys(DEFAULT_BULLETIN_WORDING) as (keyof BulletinWording)[];

/** Each template's name in 设置 and the placeholders it takes (the common ones: {城市} {年} {季度} {发文单位}). */
export const BULLETIN_WORDING_FIELDS: Record<keyof BulletinWording, { label: string; placeholders: string[] }> = {
  title: { label: '通报标题', placeholders: [] },
  recipients: { label: '主送单位', placeholders: [] },
  opening: { label: '开头段', placeholders: ['{目标总数}'] },
  overall: {
    label: '总体情况',
    placeholders: ['{目标总数}', '{已完成数}', '{已完成占比}', '{超进度数}', '{超进度占比}', '{序时推进数}', '{序时推进占比}', '{滞后数}', '{滞后占比}', '{未报送数}', '{未报送占比}', '{长期坚持数}', '{长期坚持占比}'],
  },
  rule: { label: '判定依据', placeholders: ['{序时进度}', '{绿灯阈值}', '{超进度阈值}'] },
  groupLine: { label: '分领导、分单位、分篇章的每一行', placeholders: ['{名称}', '{目标总数}', '{状态分布}', '{滞后数}'] },
  laggingIntro: { label: '滞后目标的引语', placeholders: ['{滞后及不符数}', '{滞后数}'] },
  laggingItem: { label: '每项滞后目标', placeholders: ['{编号}', '{序号}', '{目标内容}', '{责任单位}', '{完成数据}'] },
  reason: { label: '滞后原因（单位报送了原因时）', placeholders: ['{原因}'] },
  note: { label: '督办意见（调度会有意见时）', placeholders: ['{督办意见}'] },
  noLagging: { label: '没有滞后目标时', placeholders: [] },
  lateReturns: { label: '逾期报送', placeholders: ['{迟报单位}', '{报送截止日期}'] },
  missingReturns: { label: '未报送的单位', placeholders: ['{未报单位}'] },
  notReported: { label: '未报送完成情况的目标', placeholders: ['{未报目标}'] },
  copied: { label: '照搬上季度内容', placeholders: ['{照抄单位}'] },
  disciplineNone: { label: '报送纪律无问题时', placeholders: [] },
  nextSteps: { label: '下一步工作（每行一段）', placeholders: [] },
  office: { label: '发文单位（落款）', placeholders: [] },
  noticeTitle: { label: '督办通知标题', placeholders: ['{单位}'] },
  noticeOpening: { label: '督办通知开头段', placeholders: ['{单位}', '{目标数}'] },
  noticeItem: { label: '督办通知中的每项目标', placeholders: ['{编号}', '{序号}', '{目标内容}', '{完成数据}'] },
  noticeRequest: { label: '督办通知的要求和回复期限', placeholders: ['{回复期限}', '{单位}'] },
};

/** Fills every {名称} placeholder from the values; one not given stays as written, so a typo shows. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole));
}
