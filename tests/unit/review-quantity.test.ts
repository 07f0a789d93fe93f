import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Target } from '../../shared/contract';
import { planByYear } from '../../electron/db/repos/plans';
import { loadTargets } from '../../electron/db/repos/targets';
import { chineseNumeral, comparable, formatAmount, formatGoal, parseActuals, parseGoals, parseQuantities, readActualFor, unreadNumbers, type Quantity } from '../../shared/review/quantity';
import { openCore } from '../helpers/store';

/** One line per quantity: text, kind(/direction), comparator, role, value in the base unit. */
function describeQuantity(q: Quantity): string {
  return `${q.text} ${q.kind}${q.direction ? `/${q.direction}` : ''} ${q.comparator} ${q.role} ${q.baseValue}${q.baseUnit}`;
}

/**
 * Every target content and progress text of seed 001 (Q3 2023 overview) that holds a digit, copied from
 * the dump, with every quantity it must give. Digits that give no quantity are listed in UNPARSED below.
 * The last test checks this table against the sample data the app loads, so it cannot fall behind it.
 */
const SEED_TEXTS: { where: string; text: string; expected: string[] }[] = [
  {
    where: '1 完成情况',
    text: "把“两案”办理工作作为政府部门“一把手工程”纳入新修订的《政府工作规则》,全国人大代表建议、省人大代表建议均已全部办结,市人大代表建议已办理154件;省政协提案已办理2件,市政协提案已全部办结。参与承办市人大、政协活动10余次,充分听取意见建议,接受人大监督、民主监督,一批意见建议进入政府决策",
    expected: [
      '154件 amount exact measure 154件',
      '2件 amount exact measure 2件',
      '10余次 amount exceed measure 10次',
    ],
  },
  {
    where: '2 内容',
    text: "一般公共预算收入增长5.5%左右",
    expected: [
      '5.5%左右 growth-rate/up about measure 5.5%',
    ],
  },
  {
    where: '2 完成情况',
    text: "前三季度,全市一般公共预算收入完成246.5亿元,增长6.9%,完成年度预算的77.8%",
    expected: [
      '246.5亿元 amount exact measure 24650000000元',
      '6.9% growth-rate/up exact measure 6.9%',
      '77.8% ratio exact measure 77.8%',
    ],
  },
  {
    where: '3 完成情况',
    text: "加大税费优惠政策宣传和解读力度,精准落实各项税费支持政策,密切跟踪政策运行,及时研究解决企业反映的突出问题,切实减轻企业税负负担。全市累计为14.28万户市场主体落实税收优惠24.73亿元",
    expected: [
      '14.28万户 amount exact scope 142800户',
      '24.73亿元 amount exact measure 2473000000元',
    ],
  },
  {
    where: '4 完成情况',
    text: "扎实开展创业担保贷款业务。前三季度,全市累计发放创业担保贷款14.64亿元,发放在外创业乡情贷9.6亿元。加快市财政金融综合服务平台建设,入驻金融机构17家,发布金融产品55个,注册用户117家,为企业、个人用户解决融资需求2亿元。充分发挥政府性融资担保公司支农支小作用,菏泽信融资担保有限公司完成融资担保业务33笔,累保额度1.7亿元,支农支小农业务占比91.46%",
    expected: [
      '14.64亿元 amount exact measure 1464000000元',
      '9.6亿元 amount exact measure 960000000元',
      '17家 amount exact measure 17家',
      '55个 amount exact measure 55个',
      '117家 amount exact measure 117家',
      '2亿元 amount exact measure 200000000元',
      '33笔 amount exact measure 33笔',
      '1.7亿元 amount exact measure 170000000元',
      '91.46% level exact measure 91.46%',
    ],
  },
  {
    where: '5 完成情况',
    text: "全面实施成本预算绩效管理,组织开展财政重点成本效益分析,初步形成成本效益分析报告。2023年度内一律不得将部门预算和其他资金调剂用于“三公”经费开支,确保“三公”经费只减不增",
    expected: [

    ],
  },
  {
    where: '6 内容',
    text: "地区生产总值增长5.5%左右",
    expected: [
      '5.5%左右 growth-rate/up about measure 5.5%',
    ],
  },
  {
    where: '6 完成情况',
    text: "前三季度,地区生产总值增长7.0%",
    expected: [
      '7.0% growth-rate/up exact measure 7%',
    ],
  },
  {
    where: '7 内容',
    text: "固定资产投资增长10%左右",
    expected: [
      '10%左右 growth-rate/up about measure 10%',
    ],
  },
  {
    where: '7 完成情况',
    text: "前三季度,固定资产投资增长8.5%,居全省第1位",
    expected: [
      '8.5% growth-rate/up exact measure 8.5%',
    ],
  },
  {
    where: '8 内容',
    text: "居民人均可支配收入增长6%左右",
    expected: [
      '6%左右 growth-rate/up about measure 6%',
    ],
  },
  {
    where: '8 完成情况',
    text: "前三季度,城乡居民人均可支配收入增长7.2%",
    expected: [
      '7.2% growth-rate/up exact measure 7.2%',
    ],
  },
  {
    where: '9 内容',
    text: "城镇调查失业率控制在5.5%以内",
    expected: [
      '5.5%以内 level at-most measure 5.5%',
    ],
  },
  {
    where: '9 完成情况',
    text: "前三季度,城镇调查失业率控制在5.5%以内",
    expected: [
      '5.5%以内 level at-most measure 5.5%',
    ],
  },
  {
    where: '10 完成情况',
    text: "我市“单位GDP能耗”指标上半年下降率为24%,符合省下达“十四五”任务时序进度要求 减排:下达2023年度四项主要污染物重点工作任务,落实调度重点减排工程项目建设情况。大气:1-9月,我市空气质量综合指数为4.32,同比改善5.5%;PM2.5平均浓度为42微克每立方米,同比改善2.3%;优良天数为163天,比去年同期增加4天。水环境:1-9月,根据国家“采测分离”反馈数据,我市国控断面优良比例为100%",
    expected: [
      '24% growth-rate/down exact measure 24%',
      '5.5% growth-rate/up exact measure 5.5%',
      '42微克每立方米 amount exact measure 42微克/立方米',
      '2.3% growth-rate/up exact measure 2.3%',
      '163天 amount exact measure 163天',
      '4天 amount exact measure 4天',
      '100% level exact measure 100%',
    ],
  },
  {
    where: '11 完成情况',
    text: "全市“四类”省级重点实施类项目个数居全省第2位。列入2023年省新旧动能优选项目61个,省“双招双引”重点签约项目15个,项目数量位居全省前列。争取新增政府债券资金175.45亿元,发行政府专项债券13个批次,151.27亿元,切实保障了重点项目建设资金需求",
    expected: [
      '61个 amount exact measure 61个',
      '15个 amount exact measure 15个',
      '175.45亿元 amount exact measure 17545000000元',
      '13个 amount exact scope 13个',
      '151.27亿元 amount exact measure 15127000000元',
    ],
  },
  {
    where: '12 内容',
    text: "持续推进“七网”建设,能源基础设施完成投资20亿元以上",
    expected: [
      '20亿元以上 amount at-least measure 2000000000元',
    ],
  },
  {
    where: '12 完成情况',
    text: "能源基础设施投资完成31.028亿元",
    expected: [
      '31.028亿元 amount exact measure 3102800000元',
    ],
  },
  {
    where: '13 完成情况',
    text: "积极推进促消费项目建设,菏泽保税物流中心B型项目已完工运营,山东喜地农批市场、银田农贸市场正在扩建及提升改造。积极争取获批城市燃气管道等老化更新改造和保障性安居工程中央预算内资金2.35亿元。积极推进充电桩基础设施建设,已建成充电桩7908个,接入省级平台的充电桩数量2155个,为扩大新能源汽车消费提供充电设施保障",
    expected: [
      '2.35亿元 amount exact measure 235000000元',
      '7908个 amount exact measure 7908个',
      '2155个 amount exact measure 2155个',
    ],
  },
  {
    where: '14 内容',
    text: "聚焦产业生态“建圈”“强链”,支持各县区重点打造2-3个特色产业,推进“231”特色产业集群升级",
    expected: [
      '2-3个 amount range scope 2个',
    ],
  },
  {
    where: '14 完成情况',
    text: "巨野县精细化工、东明县现代高效农业2个产业集群入选省新旧动能转换“十强”产业“雁阵形”集群库,华夏国药菏泽制药、山东方明药业集团、山东汇盟生物科技、山东大树达孚特膳食品4家集群领军企业入选省“十强”产业集群领军企业,我市省级产业集群数累计达到11个、集群领军企业达到15家",
    expected: [
      '2个 amount exact scope 2个',
      '4家 amount exact scope 4家',
      '11个 amount reach measure 11个',
      '15家 amount reach measure 15家',
    ],
  },
  {
    where: '15 内容',
    text: "支持各县区至少打造1处功能特色鲜明、辐射带动力强的规范化现代服务业集聚区",
    expected: [
      '1处 amount at-least measure 1处',
    ],
  },
  {
    where: '15 完成情况',
    text: "定期调度各县区方案落实情况,及时从资金、项目、政策及要素保障等方面,协调解决支持。中软创客创新产业园被确定为省级现代服务业集聚区,我市达到6家;同时加快打造郓城县水浒文旅产业集群区、巨野山文旅产业集群区、成武智慧冷链物流园、单县财富广场、东明石化产业园等现代服务业集聚区",
    expected: [
      '6家 amount reach measure 6家',
    ],
  },
  {
    where: '16 内容',
    text: "精心培育“种子”“幼苗”“准四上”企业,新增规模以上服务业100家以上",
    expected: [
      '100家以上 amount at-least measure 100家',
    ],
  },
  {
    where: '16 完成情况',
    text: "对“种子”“幼苗”“准四上”企业加强扶持和动态监测,组织召开专题培训工作会议,前三季度,全市新增规模以上服务业企业33家",
    expected: [
      '33家 amount exact measure 33家',
    ],
  },
  {
    where: '17 完成情况',
    text: "组织召开黄河战略领导小组会议,安排部署下步工作,编制印发《菏泽市推动黄河流域生态保护和高质量发展2023年工作要点》,论证筛选49个市级重点项目,其中16个项目被纳入省级重点项目库",
    expected: [
      '49个 amount exact scope 49个',
      '16个 amount exact scope 16个',
    ],
  },
  {
    where: '19 内容',
    text: "加快清洁能源“一基地两示范”建设以及整合分布式光伏开发建设,新能源和可再生能源发电装机达到460万千瓦以上",
    expected: [
      '460万千瓦以上 amount at-least measure 4600000千瓦',
    ],
  },
  {
    where: '19 完成情况',
    text: "制定《菏泽市采煤沉陷区光伏基地建设工作推进方案》,项目立项手续和电网初步接入消纳意见完成,初步确定开发模式。东明绿能15万千瓦风力发电并网、曹县50MW分散式风电并网发电。郓城县集中式储能项目、东明县集中式储能项目建成投运。全市新能源和可再生能源发电装机达537.4万千瓦",
    expected: [
      '15万千瓦 amount exact scope 150000千瓦',
      '537.4万千瓦 amount reach measure 5374000千瓦',
    ],
  },
  {
    where: '20 完成情况',
    text: "《菏泽市创建儿童友好城市三年行动计划(2021-2023年)》既定任务已完成82%,单元试点建设全面铺开。制定了《菏泽市儿童友好实践基地建设指引(试行)》,评选出首批10个市级儿童友好实践基地。按照《菏泽市创建儿童友好城市三年行动计划职责分解》要求,协调推动市直成员单位完成既定工作目标",
    expected: [
      '82% ratio exact measure 82%',
      '10个 amount exact scope 10个',
    ],
  },
  {
    where: '21 完成情况',
    text: "《菏泽市创建儿童友好城市三年行动计划(2021-2023年)》既定任务已完成82%,单元试点建设全面铺开。制定了《菏泽市儿童友好实践基地建设指引(试行)》,评选出首批10个市级儿童友好实践基地。按照《菏泽市创建儿童友好城市三年行动计划职责分解》要求,协调推动市直成员单位完成既定工作目标",
    expected: [
      '82% ratio exact measure 82%',
      '10个 amount exact scope 10个',
    ],
  },
  {
    where: '24 完成情况',
    text: "开展“乡村好青年贷”“鲁青惠企贷”等贷款发放工作,累计发放贷款18922万元。启动实施“乡村振兴青年先行”示范片区创建工作,并确定为省级党建带团建改革创新试点项目",
    expected: [
      '18922万元 amount exact measure 189220000元',
    ],
  },
  {
    where: '25 内容',
    text: "持续推进定陶、郓城、鄄城省级城乡融合发展试验区建设,汇总《省级城乡融合发展试验区建设工作资料汇编》,完成监测评价工作。印发了《关于推进以县城为重要载体的城镇化建设分工落实方案》,实施15个县城城镇化补短板强弱项重点项目。完成了郓城县“县城补短板”任务实施情况“十四五”中期评估",
    expected: [
      '15个 amount exact scope 15个',
    ],
  },
  {
    where: '25 完成情况',
    text: "指导3个县区积极开展省级城乡融合发展试验区建设,汇总《省级城乡融合发展试验区建设工作资料汇编》,完成监测评价工作。印发了《关于推进以县城为重要载体的城镇化建设分工落实方案》,实施15个县城城镇化补短板强弱项重点项目。完成了郓城县“县城补短板”任务实施情况“十四五”中期评估",
    expected: [
      '3个 amount exact scope 3个',
      '15个 amount exact scope 15个',
    ],
  },
  {
    where: '26 内容',
    text: "积极推动20个重点镇快速发展",
    expected: [
      '20个 amount exact scope 20个',
    ],
  },
  {
    where: '26 完成情况',
    text: "前三季度,重点镇一般公共预算收入16.36亿元,年同期增长26.1%。列入2023年省市重点项目65个,已完成年度投资计划的90.6%,按期完成任务目标",
    expected: [
      '16.36亿元 amount exact measure 1636000000元',
      '26.1% growth-rate/up exact measure 26.1%',
      '65个 amount exact measure 65个',
      '90.6% ratio exact measure 90.6%',
    ],
  },
  {
    where: '26（肖友华） 完成情况',
    text: "20个重点镇国土空间规划已全部形成初步成果,其中14个重点镇已进行规划公示",
    expected: [
      '20个 amount exact scope 20个',
      '14个 amount exact scope 14个',
    ],
  },
  {
    where: '27 完成情况',
    text: "开展巨野县提前搬迁及旧村拆除现场调度指导工作,起草压煤村庄搬迁验收办法。完成《菏泽市压煤村庄搬迁补偿安置办法》(征求意见稿),并公开征求意见,完成巨野县龙堌镇奚楼村和田桥镇邬庄村2个村避险安置工作",
    expected: [
      '2个 amount exact scope 2个',
    ],
  },
  {
    where: '28 内容',
    text: "发展新个体经济,新登记市场主体20万户以上",
    expected: [
      '20万户以上 amount at-least measure 200000户',
    ],
  },
  {
    where: '28 完成情况',
    text: "前三季度,累计增加新登记市场主体16.9万户",
    expected: [
      '16.9万户 amount exact measure 169000户',
    ],
  },
  {
    where: '29 完成情况',
    text: "发布实施《菏泽市深化“一件事一次办”改革擦亮“荷心意”政务服务品牌实施方案》,圆满完成政务服务事项基本目录认领、实施清单非统一要素编制工作,办事指南编制工作。我市政务服务事项基本目录完成率、实施清单完成率、办事指南完成率均为100%",
    expected: [
      '100% level exact measure 100%',
    ],
  },
  {
    where: '30 内容',
    text: "年内推动50个政务服务事项“县乡通办”,实现全市乡镇(街道)全覆盖",
    expected: [
      '50个 amount exact scope 50个',
    ],
  },
  {
    where: '30 完成情况',
    text: "指导各县区政府(管委会)印发赋权实施方案,并成立县级赋权工作专班,统筹负责各县区赋权工作。前三季度,已实现向全市167个乡镇(街道)赋权全覆盖,平均每个月镇(街道)赋权59项",
    expected: [
      '167个 amount exact scope 167个',
      '59项 amount exact measure 59项',
    ],
  },
  {
    where: '32 完成情况',
    text: "7项规划研究工作已形成初步方案,正在结合鲁西新区最新发展实际需要,进行各项规划研究成果的审查报批工作",
    expected: [
      '7项 amount exact scope 7项',
    ],
  },
  {
    where: '33 完成情况',
    text: "产业突破工程:1-9月份,全区新增产值58.1亿元,产业集聚度达到53.7%,生物医药、高端装备制造、新一代信息技术产业分别新增产值39.7亿元、9.4亿元、1.3亿元。生态环保工程:开展工业企业VOCs低效治理设施提升改造等专项行动,有效解决当前大气环境突出问题。全力做好汛期河流水质保障工作,对城区雨污管网进行清淤,改造老旧小区合流管网,督促5家工业企业完成厂区雨污分流改造。交通提升工程:洞庭路、崇文路、中纺实验小学东支路图纸设计、施工招投标及土地报批组卷已完成,施工单位已进场施工。科技提升工程:14家企业获批市级技术创新中心,24家企业获批市级重点实验室。55家企业申报2023年度高新技术企业认定,组织申报省泰山系列人才工程6人。教育强基工程:深入推进“强校扩优”行动,出台《菏泽鲁西新区中小学强校扩优行动方案》,成功组建三期学前教育区域联动发展共同体,区乡村学校强校扩优辐射率达到40%以上。文化普惠工程:陈集镇金康颐养院项目加快推进,吕陵牡丹书房已正常营业,恒然云农庄、万达金街曹州巷已完成提升改造。送戏下乡累计完成183场,送电影下乡297场。康养惠民工程:全区既有小区106个,配建社区养老服务用房89个,47个新建小区全部配建。开展特殊困难家庭适老化改造100户,新增护理型床位590张,创新实施居家和社区养老服务站“积分养老模式”,打造15分钟养老服务圈,3处社区大食堂试点正在推动。城市升级工程:统筹推进城市建设,城南片区苗屯、东李庄安置区已完成造房,交房425户;人民路东片区何楼安置房工程南区已封顶,二次结构正在施工,北区主体建设正常推动;规划断头路全部打通,正在推进基础管网铺设;已完成3个老旧小区改造",
    expected: [
      '58.1亿元 amount exact measure 5810000000元',
      '53.7% level reach measure 53.7%',
      '39.7亿元 amount exact measure 3970000000元',
      '9.4亿元 amount exact measure 940000000元',
      '1.3亿元 amount exact measure 130000000元',
      '5家 amount exact scope 5家',
      '14家 amount exact scope 14家',
      '24家 amount exact scope 24家',
      '55家 amount exact scope 55家',
      '6人 amount exact measure 6人',
      '40%以上 level at-least measure 40%',
      '183场 amount exact measure 183场',
      '297场 amount exact measure 297场',
      '106个 amount exact measure 106个',
      '89个 amount exact measure 89个',
      '47个 amount exact scope 47个',
      '100户 amount exact measure 100户',
      '590张 amount exact measure 590张',
      '3处 amount exact scope 3处',
      '425户 amount exact measure 425户',
      '3个 amount exact scope 3个',
    ],
  },
  {
    where: '34 内容',
    text: "加快中科禾华、中丰光电等30个在建项目投产达效",
    expected: [
      '30个 amount exact scope 30个',
    ],
  },
  {
    where: '34 完成情况',
    text: "水务集团第五污水处理厂等2个项目已签约拟开工,中科禾华等14个项目加快建设,丹红注射液绿色智能化系统性优化提升等2个项目试生产,成芯半导体等4个项目试生产,瀚邦产业园等4个项目正式运营,中丰光电等8个项目已投产",
    expected: [
      '2个 amount exact scope 2个',
      '14个 amount exact scope 14个',
      '2个 amount exact scope 2个',
      '4个 amount exact scope 4个',
      '4个 amount exact scope 4个',
      '8个 amount exact scope 8个',
    ],
  },
  {
    where: '35 内容',
    text: "全年完成固定资产投资200亿元以上、新增产值100亿元以上",
    expected: [
      '200亿元以上 amount at-least measure 20000000000元',
      '100亿元以上 amount at-least measure 10000000000元',
    ],
  },
  {
    where: '35 完成情况',
    text: "前三季度,菏泽鲁西新区固定资产投资同比增长17.3%",
    expected: [
      '17.3% growth-rate/up exact measure 17.3%',
    ],
  },
  {
    where: '36 内容',
    text: "严格落实国务院安委会15条和省委省政府“八抓20条”措施",
    expected: [
      '15条 amount exact scope 15条',
      '20条 amount exact scope 20条',
    ],
  },
  {
    where: '36 完成情况',
    text: "明确2023年安全生产重点工作任务,健全生产安全事故责任追究制度,开展安全生产隐患排查治理突击月等专项行动。截至9月底,全市共发生各类生产安全事故24起,事故起数同比下降25%",
    expected: [
      '24起 amount exact measure 24起',
      '25% growth-rate/down exact measure 25%',
    ],
  },
  {
    where: '37 完成情况',
    text: "对氯碱、煤焦化、涂料企业实行“一企一策”,继续推进危化品装卸、液氯储存等环节安全改造,完成液氯气化、装卸区全密闭改造企业23家,完成1家硝化企业管式反应器改造,同步推进4家涂料行业企业安全技术改造与项目建设",
    expected: [
      '23家 amount exact measure 23家',
      '1家 amount exact scope 1家',
      '4家 amount exact scope 4家',
    ],
  },
  {
    where: '38 完成情况',
    text: "对8处煤矿353项重大安全风险落实管控措施,开展执法检查39矿次,查出问题隐患721条;聘请专家117人次,开展安全隐患诊断8矿次。深入推进行业企业岁末年初安全生产重大隐患专项整治行动,检查发现整改问题隐患1993项。强化诊断,已完全完成年诊断检查目标,50家企业诊断检查共发现隐患1800项,全部形成诊断报告",
    expected: [
      '8处 amount exact scope 8处',
      '353项 amount exact scope 353项',
      '39矿次 amount exact measure 39矿次',
      '721条 amount exact measure 721条',
      '117人次 amount exact measure 117人次',
      '8矿次 amount exact measure 8矿次',
      '1993项 amount exact measure 1993项',
      '50家 amount exact scope 50家',
      '1800项 amount exact measure 1800项',
    ],
  },
  {
    where: '39 内容',
    text: "增加市级储备粮8.6万吨",
    expected: [
      '8.6万吨 amount exact measure 86000吨',
    ],
  },
  {
    where: '39 完成情况',
    text: "前三季度,增加市级储备粮1.71万吨",
    expected: [
      '1.71万吨 amount exact measure 17100吨',
    ],
  },
];

/**
 * Digits in the seed texts that are deliberately not read as quantities, and why. Contents without any
 * digit (target 11: “三个十大”“四个一批”; 33: 八大重点工程; 23: 四星级) hold Chinese numerals that are
 * wording, not numbers: not read (三百亿元 and 十万户 are, see below).
 */
const UNPARSED: [excerpt: string, why: string][] = [
  ['2023年度内一律不得将部门预算', 'a year (5, 10, 33 完成情况)'],
  ['列入2023年省市重点项目', 'a year glued to a noun (11, 26 完成情况)'],
  ['(2021-2023年)》既定任务', 'a span of years in a plan title (20, 21 完成情况)'],
  ['大气:1-9月,我市空气', 'a period of months (10, 33 完成情况)'],
  ['截至9月底,全市共发生', 'a date (36 完成情况)'],
  ['居全省第1位', 'an ordinal rank (7, 11 完成情况)'],
  ['综合指数为4.32,', 'an index without a unit (10 完成情况)'],
  ['曹县50MW分散式风电', 'a Latin unit glued to the number; the 万千瓦 total beside it is what counts (19 完成情况)'],
  ['打造15分钟养老服务圈', 'a name, not an amount (33 完成情况)'],
  ['推进“231”特色产业集群升级', 'a programme name in quotes (14 内容)'],
];

describe('parseQuantities on seed 001', () => {
  it.each(SEED_TEXTS)('$where', ({ text, expected }) => {
    expect(parseQuantities(text).map(describeQuantity)).toEqual(expected);
  });

  it.each(SEED_TEXTS)('$where: spans point at the matched text', ({ text }) => {
    for (const q of parseQuantities(text)) expect(text.slice(q.span.start, q.span.end)).toBe(q.text);
  });

  it.each(UNPARSED)('%j is not a quantity: %s', (excerpt) => {
    expect(parseQuantities(excerpt)).toEqual([]);
  });
});

describe('goals and actuals', () => {
  it('reads the goal of target 16 and the actual of its progress', () => {
    const [goal] = parseGoals('精心培育“种子”“幼苗”“准四上”企业,新增规模以上服务业100家以上');
    expect(goal).toMatchObject({ value: 100, unit: '家', comparator: 'at-least', kind: 'amount', lead: '新增规模以上服务业' });
    const actuals = parseActuals('前三季度,全市新增规模以上服务业企业33家');
    expect(actuals.map(describeQuantity)).toEqual(['33家 amount exact measure 33家']);
  });

  it('keeps the scope counts out of the goals', () => {
    expect(parseGoals('积极推动20个重点镇快速发展')).toEqual([]);
    expect(parseGoals('严格落实国务院安委会15条和省委省政府“八抓20条”措施')).toEqual([]);
    expect(parseQuantities('积极推动20个重点镇快速发展').map((q) => q.role)).toEqual(['scope']);
  });

  it('returns several goals of one content with their spans', () => {
    const content = '全年完成固定资产投资200亿元以上、新增产值100亿元以上';
    const goals = parseGoals(content);
    expect(goals.map((g) => [g.text, g.span.start, g.span.end])).toEqual([
      ['200亿元以上', 10, 17],
      ['100亿元以上', 22, 29],
    ]);
  });

  it('reads 完成…的X% as a share of the plan, 增长 as a growth rate and other percentages as levels', () => {
    expect(parseActuals('全市一般公共预算收入完成246.5亿元,增长6.9%,完成年度预算的77.8%').map((q) => q.kind)).toEqual(['amount', 'growth-rate', 'ratio']);
    expect(parseActuals('已完成年度投资计划的90.6%')[0]!.kind).toBe('ratio');
    expect(parseActuals('工程进度达80%')[0]!.kind).toBe('ratio');
    expect(parseActuals('占比91.46%')[0]!.kind).toBe('level');
    expect(parseActuals('完成率均为100%')[0]!.kind).toBe('level');
    expect(parseActuals('参保率提高到97%')[0]!.kind).toBe('level');
    expect(parseActuals('事故起数同比下降25%')[0]).toMatchObject({ kind: 'growth-rate', direction: 'down', value: 25 });
    expect(parseActuals('年同期增长26.1%')[0]).toMatchObject({ kind: 'growth-rate', direction: 'up' });
  });
});

describe('units and magnitudes', () => {
  it.each([
    ['1.71万吨', 1.71, '万吨', 17100, '吨'],
    ['8.6万吨', 8.6, '万吨', 86000, '吨'],
    ['8600吨', 8600, '吨', 8600, '吨'],
    ['0.86万吨', 0.86, '万吨', 8600, '吨'],
    ['246.5亿元', 246.5, '亿元', 24_650_000_000, '元'],
    ['18922万元', 18922, '万元', 189_220_000, '元'],
    ['1.2万亿元', 1.2, '万亿元', 1.2e12, '元'],
    ['20 万 户以上', 20, '万户', 200_000, '户'],
    ['537.4万千瓦', 537.4, '万千瓦', 5_374_000, '千瓦'],
    ['1000 公里', 1000, '公里', 1000, '公里'],
    ['800 万平方米', 800, '万平方米', 8_000_000, '平方米'],
    ['40 万亩', 40, '万亩', 400_000, '亩'],
    ['6.5 万人以上', 6.5, '万人', 65_000, '人'],
    ['117人次', 117, '人次', 117, '人次'],
    ['提高2个百分点', 2, '个百分点', 2, '个百分点'],
    ['10,000个', 10000, '个', 10000, '个'],
  ])('%s', (text, value, unit, baseValue, baseUnit) => {
    const [q] = parseQuantities(text);
    expect(q).toMatchObject({ value, unit, baseValue, baseUnit });
  });

  it('compares the same amount written in different magnitudes', () => {
    const [a] = parseQuantities('8600吨');
    const [b] = parseQuantities('0.86万吨');
    expect(a!.baseValue).toBe(b!.baseValue);
    expect(comparable(a!, b!)).toBe(true);
    expect(comparable(a!, parseQuantities('8600家')[0]!)).toBe(false);
    expect(comparable(parseQuantities('100家')[0]!, parseQuantities('100个')[0]!)).toBe(false);
    expect(comparable(parseQuantities('增长5%')[0]!, parseQuantities('占比5%')[0]!)).toBe(false);
  });

  it('reads full-width digits, point and percent and keeps spans on the text as given', () => {
    const text = '前三季度，地区生产总值增长７．０％，储备粮１．７１万吨';
    const qs = parseQuantities(text);
    expect(qs.map((q) => [q.text, q.value, q.unit, q.kind])).toEqual([
      ['７．０％', 7, '%', 'growth-rate'],
      ['１．７１万吨', 1.71, '万吨', 'amount'],
    ]);
    for (const q of qs) expect(text.slice(q.span.start, q.span.end)).toBe(q.text);
    expect(qs[0]!.written).toBe('7.0');
  });

  it('ignores ordinals and numbers glued to Latin letters', () => {
    expect(parseQuantities('列入第3批试点')).toEqual([]);
    expect(parseQuantities('B2栋已封顶')).toEqual([]);
    expect(parseQuantities('G3高速改建10公里').map((q) => q.text)).toEqual(['10公里']);
  });

  it('ignores a magnitude on a percentage and numbers without a unit', () => {
    expect(parseQuantities('5万%')).toEqual([]);
    expect(parseQuantities('综合指数为4.32')).toEqual([]);
    expect(parseQuantities('增长到1.2亿')).toEqual([]);
  });
});

describe('comparators', () => {
  it.each([
    ['地区生产总值增长 5.5%左右', 'about', false],
    ['新签约过亿元项目 300 个以上', 'at-least', false],
    ['城镇调查失业率控制在 5.5%以内', 'at-most', false],
    ['控制在5.5%', 'at-most', false],
    ['PM2.5浓度不超过40微克', null, false],
    ['农村千兆速率固定网络端口突破 180 万个', 'exceed', false],
    ['营业收入超过50亿元', 'exceed', false],
    ['高校毕业生总体就业率不低于85%', 'at-least', false],
    ['新增就业不少于6.5万人', 'at-least', false],
    ['支持各县区至少打造1处现代服务业集聚区', 'at-least', false],
    ['力争营业收入增长 20%左右', 'about', true],
    ['力争新引进过亿元项目 10 个以上', 'at-least', true],
    ['新能源和可再生能源发电装机达到 460 万千瓦', 'reach', false],
    ['增加市级储备粮8.6万吨', 'exact', false],
    ['重点打造 2—3 个特色产业', 'range', false],
    ['参与承办活动10余次', 'exceed', false],
    ['新建20多个驿站', 'exceed', false],
    ['降低至3%以下', 'at-most', false],
  ])('%s → %s', (text, comparator, aspirational) => {
    const qs = parseQuantities(text);
    if (comparator === null) {
      expect(qs).toEqual([]);
      return;
    }
    expect(qs.at(-1)).toMatchObject({ comparator, aspirational });
  });

  it('reads a range with both bounds', () => {
    expect(parseQuantities('重点打造 2—3 个特色产业')[0]).toMatchObject({ value: 2, upper: 3, baseUpper: 3, unit: '个' });
    expect(parseQuantities('2～3万吨')[0]).toMatchObject({ value: 2, upper: 3, baseValue: 20000, baseUpper: 30000 });
  });

  it('treats 过 before an amount as a qualifier of a noun, not as a goal', () => {
    const qs = parseQuantities('新签约过亿元项目 300 个以上,其中过 10 亿元项目 30 个以上');
    expect(qs.map((q) => [q.text, q.comparator, q.role])).toEqual([
      ['300 个以上', 'at-least', 'measure'],
      ['10 亿元', 'exceed', 'scope'],
      ['30 个以上', 'at-least', 'measure'],
    ]);
  });

  it('formats a goal and an amount for rule texts', () => {
    const [about] = parseQuantities('增长5.5%左右');
    const [atLeast] = parseQuantities('新增100家以上');
    const [exceed] = parseQuantities('突破180万个');
    const [range] = parseQuantities('2-3个');
    expect([formatGoal(about!), formatGoal(atLeast!), formatGoal(exceed!), formatGoal(range!)]).toEqual(['5.5%左右', '100家以上', '突破180万个', '2-3个']);
    expect(formatAmount(atLeast!)).toBe('100家');
  });
});

describe('the work report\'s main expected targets (seed 000)', () => {
  it('reads every growth goal with its comparator', () => {
    const text =
      '主要预期目标为:地区生产总值增长 5.5%左右,规模以上工业增加值增长 6%左右,社会消费品零售总额增长 5%以上,固定资产投资增长 10%左右,一般公共预算收入增长 5.5%左右,居民人均可支配收入增长 6%左右,城镇调查失业率控制在 5.5%以内';
    expect(parseGoals(text).map((q) => `${q.kind} ${formatGoal(q)}`)).toEqual([
      'growth-rate 5.5%左右',
      'growth-rate 6%左右',
      'growth-rate 5%以上',
      'growth-rate 10%左右',
      'growth-rate 5.5%左右',
      'growth-rate 6%左右',
      'level 5.5%以内',
    ]);
  });
});

describe('the table covers the sample data', () => {
  let targets: Target[] = [];
  let close = (): void => {};
  beforeAll(async () => {
    const core = await openCore(undefined, true);
    close = () => core.close();
    targets = loadTargets(core.db, { planId: planByYear(core.db, 2023)!.id }, 3);
  });
  afterAll(() => close());

  it('has every content and progress text with a digit', () => {
    const tabled = new Set(SEED_TEXTS.map((r) => r.text));
    const texts = targets.flatMap((t) => [t.content, ...t.assignments.flatMap((a) => a.progress.map((p) => p.text))]);
    const withDigits = texts.filter((s) => /[0-9０-９]/.test(s));
    expect(targets).toHaveLength(39);
    expect(withDigits.length).toBeGreaterThan(40);
    expect(withDigits.filter((s) => !tabled.has(s))).toEqual([]);
  });
});

describe('goal forms of other work reports (issue 14)', () => {
  it.each([
    ['PM2.5平均浓度控制在40微克/立方米以内', '40微克/立方米以内 amount at-most measure 40微克/立方米'],
    ['细颗粒物平均浓度不超过40微克每立方米', '40微克每立方米 amount at-most measure 40微克/立方米'],
    ['单位生产总值能耗不超过0.45吨标准煤', '0.45吨 amount at-most measure 0.45吨'],
    ['研发投入强度提高不低于0.2个百分点', '0.2个百分点 amount at-least measure 0.2个百分点'],
    ['城镇居民收入增速高于经济增速不低于1个百分点', '1个百分点 amount at-least measure 1个百分点'],
    ['粮食总产量稳定在150亿斤以上', '150亿斤以上 amount at-least measure 7500000吨'],
    ['地方一般公共预算收入突破三百亿元', '三百亿元 amount exceed measure 30000000000元'],
    ['完成老旧小区改造十万户', '十万户 amount exact measure 100000户'],
  ])('%s', (text, expected) => {
    expect(parseQuantities(text).map(describeQuantity)[0]).toBe(expected);
  });

  it('compares grain in 斤 with grain in 吨 and air quality in either wording', () => {
    const [goal] = parseGoals('粮食总产量稳定在150亿斤以上');
    const [actual] = parseActuals('全市粮食总产量达到760万吨');
    expect(comparable(goal!, actual!)).toBe(true);
    expect(actual!.baseValue / goal!.baseValue).toBeCloseTo(760 / 750);
    expect(comparable(parseGoals('PM2.5浓度40微克/立方米以内')[0]!, parseActuals('PM2.5平均浓度为42微克每立方米')[0]!)).toBe(true);
  });

  it('reads Chinese numerals only when they are plainly numbers', () => {
    expect(chineseNumeral('三百')).toBe(300);
    expect(chineseNumeral('十')).toBe(10);
    expect(chineseNumeral('二十五')).toBe(25);
    expect(chineseNumeral('一千零五')).toBe(1005);
    expect(chineseNumeral('三五')).toBeNull();
    expect(chineseNumeral('千')).toBeNull();
    // A compound numeral is left unread rather than read as its tail (五千人 out of 两万五千人).
    for (const wording of ['新增城镇就业两万五千人', '一批意见建议进入政府决策', '围绕“三个十大”行动', '走进千家万户', '两个项目', '八大重点工程']) {
      expect(parseQuantities(wording)).toEqual([]);
    }
  });
});

describe('an actual written by a person for a goal (更正)', () => {
  const growth = parseGoals('地区生产总值增长5.5%左右')[0]!;
  const amount = parseGoals('新增规模以上服务业100家以上')[0]!;
  const grain = parseGoals('增加市级储备粮8.6万吨')[0]!;
  const read = (goal: Quantity, text: string) => {
    const q = readActualFor(goal, text);
    return q && `${q.kind}${q.direction ? `/${q.direction}` : ''} ${q.baseValue}${q.baseUnit}`;
  };

  it.each([
    ['7.0%', 'growth-rate/up 7%'],
    ['7.1%', 'growth-rate/up 7.1%'],
    ['增长7.1%', 'growth-rate/up 7.1%'],
    ['7.1', 'growth-rate/up 7.1%'],
    ['７．１％', 'growth-rate/up 7.1%'],
    ['下降1.2%', 'growth-rate/down 1.2%'],
  ])('%s for 增长5.5%%左右', (text, expected) => {
    expect(read(growth, text)).toBe(expected);
  });

  it('takes a bare number in the goal unit, and any magnitude of it', () => {
    expect(read(amount, '80')).toBe('amount 80家');
    expect(read(amount, '45家')).toBe('amount 45家');
    expect(read(grain, '2.5')).toBe('amount 25000吨');
    expect(read(grain, '25000吨')).toBe('amount 25000吨');
  });

  it('refuses what cannot be compared', () => {
    expect(read(amount, '80个')).toBeNull();
    expect(read(amount, '很多')).toBeNull();
    expect(read(grain, '')).toBeNull();
  });
});

describe('digits the reader could not read', () => {
  it('lists them, leaving out years, dates, ordinals and names', () => {
    expect(unreadNumbers('推进“231”特色产业集群升级')).toEqual(['231']);
    expect(unreadNumbers('完成PM2.5治理，2023年1-9月全省第1位，5G基站')).toEqual([]);
    expect(unreadNumbers('新增产值100亿元以上')).toEqual([]);
    expect(unreadNumbers('空气质量综合指数4.32以内')).toEqual(['4.32以内']);
  });
});
