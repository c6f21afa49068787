import i18n from '../../app/i18n.js';

/**
 * The orders pages' words, added to the shared catalogue from here so the module owns them and
 * the shared locale files stay free of merge conflicts.
 */
const zhCN = {
  menu: '服务工单',
  board: '工单看板',
  live: { connected: '实时更新', disconnected: '实时连接中断，每分钟刷新' },
  all: '全部',
  filters: { date: '服务日期', state: '状态', elder: '老人', provider: '服务机构', search: '查询', reset: '重置' },
  state: {
    requested: '待派单', dispatched: '已派单', accepted: '已接单', en_route: '在途', in_service: '服务中', completed: '已完成',
    confirmed: '已确认', reviewed: '已评价', cancelled: '已取消', no_show: '未遇', disputed: '有争议',
  },
  action: {
    create: '下单', dispatch: '派单', accept: '接单', reject: '拒单', start: '出发', check_in: '签到', check_out: '签退', confirm: '确认',
    review: '评价', cancel: '取消', no_show: '未遇', dispute: '投诉', resolve: '处理争议',
  },
  source: { elder: '老人', family: '家属', phone: '电话', community: '社区', care_plan: '护理计划' },
  col: { number: '工单号', elder: '老人', items: '服务项目', window: '服务时间', state: '状态', staff: '服务人员', provider: '服务机构', total: '金额', flags: '核查' },
  detail: {
    title: '工单 {{number}}', back: '返回看板', address: '地址', notes: '备注', timeline: '处理记录', explanation: '派单依据', visit: '上门核查',
    checkIn: '签到', checkOut: '签退', distance: '距老人家 {{m}} 米', duration: '服务时长 {{m}} 分钟', outOfArea: '位置超出范围', tooShort: '时长不足',
    tasks: '已完成任务', photo: '现场照片', review: '评价', by: '操作人', reason: '原因', notFound: '没有找到这张工单',
    confirmedBy: { elder: '老人确认', family: '家属确认', operator_callback: '回访确认', code: '确认码确认' },
  },
  dispatch: {
    button: '派单', title: '派单：{{elder}}', auto: '按规则自动派单', choose: '派给此人', considered: '考虑了 {{n}} 名服务人员（{{km}} 公里内）',
    excluded: { missing_skills: '技能不符 {{n}}', off_duty: '休息中 {{n}}', outside_hours: '不在工作时间 {{n}}', busy: '时段冲突 {{n}}' },
    none: '当前没有可派的服务人员', score: '成本 {{s}}', openOrders: '在办 {{n}} 单', distance: '{{km}} 公里', rating: '评分 {{r}}', done: '已派给 {{name}}',
    rule: '规则',
  },
  flags: { outOfArea: '越界', tooShort: '过短', unconfirmed: '未确认' },
  mobile: {
    tasksTile: '今日任务', servicesTile: '预约服务', noTasks: '今天没有任务', call: '打电话', callElder: '给老人打电话', callCentre: '打给服务中心', dial: '拨打', noPhone: '老人没有登记电话，请联系服务中心', navigate: '导航',
    accept: '接单', reject: '拒单', rejectReason: '拒单原因', start: '出发', checkIn: '到达签到', checkOut: '服务完成签退',
    locating: '正在定位…', noLocation: '无法获取位置，请打开定位后再试', checklist: '服务清单', flagged: '位置离老人家 {{m}} 米，已记录',
    orderTitle: '预约上门服务', pickCategory: '第一步：选服务类别', pickItem: '第二步：选服务项目', pickTime: '第三步：选时间',
    today: '今天', tomorrow: '明天', dayAfter: '后天', morning: '上午 9–11 点', afternoon: '下午 2–4 点', submit: '确认预约', submitted: '预约成功',
    myOrders: '我的服务', confirm: '确认已服务', rate: '评价', rateTitle: '给这次服务打分', tags: ['准时', '细心', '态度好', '干净'], sendReview: '提交评价',
    thanks: '谢谢您的评价', staff: '服务人员：{{name}}', back: '返回',
  },
  elderOrders: '服务工单',
  payer: { title: '支付方式', self: '自费', subsidy: '政府补贴', package: '套餐' },
  package: {
    title: '服务套餐', none: '该老人没有服务套餐', give: '给予套餐', change: '更换套餐', end: '结束套餐',
    endConfirm: '结束 {{name}}？之后由套餐支付的工单将被拒绝，已下的工单不受影响。', endOk: '结束', cancel: '取消',
    name: '套餐', price: '月费', period: '有效期', periodOpen: '{{start}} 起，长期有效', periodUntil: '{{start}} 至 {{end}}',
    notStarted: '未生效', expired: '已到期', current: '生效中', perMonth: '{{price}}/月',
    month: '本月用量（{{month}}）', item: '服务项目', quota: '每月次数', used: '已用',
    usage: '{{used}} / {{quota}} 次', quotaLine: '{{name}} {{quota}}次/月',
    dialogGive: '给予服务套餐', dialogChange: '更换服务套餐', pick: '选择套餐', startsOn: '开始日期', endsOn: '结束日期（可不填）',
    endBeforeStart: '结束日期不能早于开始日期', replaces: '将替换现有套餐：{{name}}', save: '确定', noPackages: '目录中没有可用的服务套餐',
  },
  err: { NO_CANDIDATE: '没有可派的服务人员' },
  supervision: {
    menu: '服务监管', title: '服务监管', callbacks: '回访任务', unconfirmed: '未确认', too_short: '时长不足', out_of_area: '位置越界', satisfaction: '满意度',
    drawnAt: '抽取时间', satisfactionCol: '满意度', note: '回访记录', save: '保存', reviews: '评价数', avgRating: '平均评分', callbacksDone: '回访数', satisfied: '满意率',
  },
};

const en: typeof zhCN = {
  menu: 'Work orders',
  board: 'Order board',
  live: { connected: 'Live', disconnected: 'Live connection lost, refreshing every minute' },
  all: 'All',
  filters: { date: 'Service date', state: 'State', elder: 'Elder', provider: 'Provider', search: 'Search', reset: 'Reset' },
  state: {
    requested: 'Requested', dispatched: 'Dispatched', accepted: 'Accepted', en_route: 'En route', in_service: 'In service', completed: 'Completed',
    confirmed: 'Confirmed', reviewed: 'Reviewed', cancelled: 'Cancelled', no_show: 'No-show', disputed: 'Disputed',
  },
  action: {
    create: 'Ordered', dispatch: 'Dispatched', accept: 'Accepted', reject: 'Rejected', start: 'Set off', check_in: 'Checked in', check_out: 'Checked out',
    confirm: 'Confirmed', review: 'Reviewed', cancel: 'Cancelled', no_show: 'No-show', dispute: 'Disputed', resolve: 'Dispute resolved',
  },
  source: { elder: 'Elder', family: 'Family', phone: 'Phone', community: 'Community', care_plan: 'Care plan' },
  col: { number: 'No.', elder: 'Elder', items: 'Items', window: 'Time', state: 'State', staff: 'Staff', provider: 'Provider', total: 'Amount', flags: 'Checks' },
  detail: {
    title: 'Order {{number}}', back: 'Back to the board', address: 'Address', notes: 'Notes', timeline: 'Timeline', explanation: 'Why it went there', visit: 'Visit check',
    checkIn: 'Check-in', checkOut: 'Check-out', distance: '{{m}} m from the home', duration: '{{m}} minutes of service', outOfArea: 'Out of area', tooShort: 'Too short',
    tasks: 'Tasks done', photo: 'Photo', review: 'Review', by: 'By', reason: 'Reason', notFound: 'No such order',
    confirmedBy: { elder: 'By the elder', family: 'By the family', operator_callback: 'By callback', code: 'By code' },
  },
  dispatch: {
    button: 'Dispatch', title: 'Dispatch: {{elder}}', auto: 'Dispatch by the rules', choose: 'Send this person', considered: '{{n}} staff considered (within {{km}} km)',
    excluded: { missing_skills: 'lacking skills {{n}}', off_duty: 'off duty {{n}}', outside_hours: 'outside hours {{n}}', busy: 'busy then {{n}}' },
    none: 'Nobody can take this order now', score: 'cost {{s}}', openOrders: '{{n}} open', distance: '{{km}} km', rating: 'rating {{r}}', done: 'Sent to {{name}}',
    rule: 'Rule',
  },
  flags: { outOfArea: 'Out of area', tooShort: 'Too short', unconfirmed: 'Unconfirmed' },
  mobile: {
    tasksTile: "Today's tasks", servicesTile: 'Book a service', noTasks: 'No tasks today', call: 'Call', callElder: 'Call the elder', callCentre: 'Call the centre', dial: 'Dial', noPhone: 'No phone number on record for the elder; call the centre', navigate: 'Directions',
    accept: 'Accept', reject: 'Decline', rejectReason: 'Why decline', start: 'Set off', checkIn: 'Arrived: check in', checkOut: 'Done: check out',
    locating: 'Locating…', noLocation: 'No position: turn on location and try again', checklist: 'Checklist', flagged: 'Position {{m}} m from the home, recorded',
    orderTitle: 'Book a home service', pickCategory: 'Step 1: kind of service', pickItem: 'Step 2: service', pickTime: 'Step 3: when',
    today: 'Today', tomorrow: 'Tomorrow', dayAfter: 'Day after', morning: 'Morning 9–11', afternoon: 'Afternoon 2–4', submit: 'Book', submitted: 'Booked',
    myOrders: 'My services', confirm: 'Confirm it was done', rate: 'Rate', rateTitle: 'Rate this visit', tags: ['On time', 'Careful', 'Kind', 'Clean'], sendReview: 'Send',
    thanks: 'Thank you', staff: 'Helper: {{name}}', back: 'Back',
  },
  elderOrders: 'Work orders',
  payer: { title: 'Paid by', self: 'Elder', subsidy: 'Subsidy', package: 'Package' },
  package: {
    title: 'Service package', none: 'This elder holds no service package', give: 'Give a package', change: 'Change package', end: 'End package',
    endConfirm: 'End {{name}}? Orders paid by the package are refused from now on; orders already placed stay.', endOk: 'End', cancel: 'Cancel',
    name: 'Package', price: 'Monthly fee', period: 'Valid', periodOpen: 'from {{start}}, open-ended', periodUntil: '{{start}} to {{end}}',
    notStarted: 'Not started', expired: 'Expired', current: 'In force', perMonth: '{{price}} a month',
    month: 'Use this month ({{month}})', item: 'Service', quota: 'Per month', used: 'Used',
    usage: '{{used}} of {{quota}}', quotaLine: '{{name}} {{quota}}× a month',
    dialogGive: 'Give a service package', dialogChange: 'Change the service package', pick: 'Package', startsOn: 'Starts on', endsOn: 'Ends on (optional)',
    endBeforeStart: 'The end date cannot be before the start date', replaces: 'Replaces the package held: {{name}}', save: 'Save', noPackages: 'The catalogue has no service package to give',
  },
  err: { NO_CANDIDATE: 'Nobody can take this order' },
  supervision: {
    menu: 'Supervision', title: 'Service supervision', callbacks: 'Callbacks', unconfirmed: 'Unconfirmed', too_short: 'Too short', out_of_area: 'Out of area', satisfaction: 'Satisfaction',
    drawnAt: 'Drawn', satisfactionCol: 'Satisfaction', note: 'What they said', save: 'Save', reviews: 'Reviews', avgRating: 'Avg rating', callbacksDone: 'Callbacks', satisfied: 'Satisfied',
  },
};

i18n.addResourceBundle('zh-CN', 'translation', { orders: zhCN, auditActions: { order: { create: '新建工单', dispatch: '派单', accept: '接单', reject: '拒单', start: '出发', check_in: '签到', check_out: '签退', confirm: '确认完成', review: '评价', cancel: '取消', no_show: '未上门', dispute: '申诉', resolve: '处理申诉', confirm_code_failed: '确认码错误' }, callback: { record: '记录回访' }, order_settings: { update: '修改工单设置' }, service_item: { create: '新建服务项目', update: '修改服务项目' }, service_package: { create: '新建服务套餐' }, provider: { create: '新建服务商' }, staff: { create: '新建服务人员', update: '修改服务人员' } } }, true, true);
i18n.addResourceBundle('en', 'translation', { orders: en, auditActions: { order: { create: 'Order placed', dispatch: 'Dispatched', accept: 'Accepted', reject: 'Rejected', start: 'On the way', check_in: 'Checked in', check_out: 'Checked out', confirm: 'Confirmed', review: 'Reviewed', cancel: 'Cancelled', no_show: 'No-show', dispute: 'Disputed', resolve: 'Dispute resolved', confirm_code_failed: 'Wrong confirmation code' }, callback: { record: 'Callback recorded' }, order_settings: { update: 'Order settings changed' }, service_item: { create: 'Service item created', update: 'Service item changed' }, service_package: { create: 'Service package created' }, provider: { create: 'Provider created' }, staff: { create: 'Staff member added', update: 'Staff member changed' } } }, true, true);
