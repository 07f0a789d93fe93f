/**
 * 使用指南: the year's cycle as the office works it, one step per section, each with a screenshot of the
 * product on the sample data (renderer/public/help/, taken by `npm run help:screenshots`).
 */
export interface GuideStep {
  id: string;
  title: string;
  /** Paragraphs; each a sentence or two, the words the staff use. */
  body: string[];
  /** A picture in renderer/public/help/, shipped with the app. */
  image: string;
  alt: string;
}

export const GUIDE_STEPS: GuideStep[] = [
  {
    id: 'report',
    title: '一、政府工作报告',
    body: [
      '每年年初人代会通过政府工作报告后，新建当年的年度：点击“导入”，选入报告分解后的一览表或去年的一览表；也可以点击“＋ 新增目标”逐项录入。',
      '示例数据是菏泽市2023年三季度一览表（39项责任目标），可以先用它熟悉各项功能。',
    ],
    image: 'help/overview.png',
    alt: '一览表：序号、市政府领导、责任目标内容、完成时限、完成情况、是否按计划完成进度、责任单位',
  },
  {
    id: 'targets',
    title: '二、分解责任目标',
    body: [
      '在一览表中点击一项目标，打开右侧的目标详情：修改序号、内容、完成时限，添加或调整分工（市政府领导、牵头单位、配合单位）。一项目标可以有多条分工。',
      '每次修改自动保存并记入变更记录，可在目标详情的“变更记录”中查看修改前后的内容，或恢复到此前。',
    ],
    image: 'help/target.png',
    alt: '目标详情：内容、完成时限、分工与各季度完成情况',
  },
  {
    id: 'templates',
    title: '三、下发报送模板',
    body: [
      '每季度末点击“季度调度”，按责任单位（或市政府领导）导出报送模板：每个单位一个工作簿，列出该单位的责任目标和上季度完成情况，“是否按计划完成进度”有下拉选项。',
      '把压缩包中的模板通过内网或U盘发给各单位，并设定报送截止日期。',
    ],
    image: 'help/round.png',
    alt: '季度调度：各单位报送情况、截止日期和催报名单',
  },
  {
    id: 'returns',
    title: '四、收集单位报送',
    body: [
      '把各单位报回的工作簿（可以是整个文件夹）拖到窗口上，或点击“导入”选择文件或文件夹。文件夹中的其他文件会列出并跳过。',
      '导入前会显示每项目标的变化（新增、更新、无变化、冲突）和每条提示所在的位置（文件 › 工作表 › 行 › 列）；确认后一次写入，并可整批撤销。',
    ],
    image: 'help/import.png',
    alt: '导入预览：每项目标的变化和提示',
  },
  {
    id: 'review',
    title: '五、调度评估',
    body: [
      '点击“调度评估”，按市政府领导、责任单位、报告章节查看滞后、未报送的目标，以及数字目标的实际完成与序时进度的对比。',
      '季度调度会上可用“会议模式”逐项投屏，记录督办意见，并导出调度清单。',
    ],
    image: 'help/review.png',
    alt: '调度评估：各状态的目标数和按领导、单位的分布',
  },
  {
    id: 'publish',
    title: '六、导出与发布',
    body: [
      '点击“导出”生成正式的一览表（A3横向、每页重复表头、可双栏并排），发给领导审定后发布：发布是单独的一步，点击一览表标题右侧（或“调度评估”中）的“发布并锁定本季度…”。发布后该季度锁定，不能再修改完成情况；确需修改时须说明理由解除锁定。',
      '数据每天首次打开时、每次导入前自动备份；在“设置”中可把备份文件夹改到U盘或共享文件夹。',
    ],
    image: 'help/export.png',
    alt: '导出一览表：版式、纸张、汇总表和报送模板',
  },
];
