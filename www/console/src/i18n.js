// Labels in 中文 and English; the operations' own titles and choice labels come from the
// SDK's metadata (titleZh / titleEn, choice.zh / choice.en).
import { vocabulary } from './sdk/index.js';
import { fenToYuan } from './sdk/meaning.js';
import { gmt8, fenAsYuanIn, fenText } from './format.js';

export { gmt8 };

const TEXT = {
  title: ['会员资产控制台', 'Loyalty console'],
  signIn: ['登录', 'Sign in'],
  signOut: ['退出', 'Sign out'],
  token: ['操作员令牌', 'Operator token'],
  badToken: ['令牌无效，请核对后重试', 'That token is not valid; check it and try again'],
  store: ['门店', 'Store'],
  shopId: ['门店', 'Shop'],
  findCustomer: ['查找顾客', 'Find a customer'],
  findBy: ['查找方式', 'Find by'],
  findValue: ['查找内容', 'Value'],
  byMobile: ['手机号', 'Mobile'],
  byCustomerId: ['顾客ID', 'Customer ID'],
  byCard: ['会员卡号', 'Member card no.'],
  find: ['查找', 'Find'],
  act: ['操作', 'Act'],
  history: ['本次操作记录', 'This session'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  time: ['时间', 'Time'],
  operation: ['操作', 'Operation'],
  customer: ['顾客', 'Customer'],
  amount: ['数量', 'Amount'],
  outcome: ['结果', 'Outcome'],
  balances: ['前 → 后', 'Before → after'],
  points: ['积分', 'Points'],
  available: ['可用', 'available'],
  frozen: ['冻结', 'frozen'],
  total: ['累计', 'total'],
  storedValue: ['储值', 'Stored value'],
  balance: ['余额', 'balance'],
  paid: ['实储 (PRE)', 'paid (PRE)'],
  gift: ['赠储 (GIFT)', 'gift (GIFT)'],
  card: ['会员卡', 'Card'],
  vouchers: ['优惠券', 'Vouchers'],
  none: ['无', 'none'],
  submit: ['提交', 'Submit'],
  sending: ['提交中…', 'Sending…'],
  retry: ['用同一请求ID重试', 'Retry with the same request id'],
  newForm: ['新的操作', 'New operation'],
  requestId: ['请求ID（幂等）', 'Request id (idempotency)'],
  applied: ['已执行', 'Applied'],
  notApplied: ['未执行', 'Not applied'],
  unknown: [
    '结果未知：网络或上游超时。用同一请求ID重试是安全的，不会重复执行。',
    'Outcome unknown: the network or the platform timed out. Retrying with the same request id is safe: it can never apply twice.',
  ],
  signedInAs: ['操作员', 'Operator'],
  role: ['角色', 'role'],
  limits: ['单次上限', 'per-call limits'],
  notFound: ['未找到顾客', 'No such customer'],
  fixFields: ['请先修正标出的字段', 'Fix the marked fields first'],
  sessionOver: ['登录已失效，请重新登录', 'Your session ended; sign in again'],
  yuan: ['元', 'yuan'],
  fen: ['分', 'fen'],
  u8Member: ['U8 会员ID', 'U8 member id'],
  tabDeduct: ['扣积分', 'Deduct points'],
  tabConsume: ['储值支付', 'Pay with stored value'],
  tabRefund: ['订单退款', 'Refund an order'],
  tabU8: ['U8 积分', 'U8 points'],
  currentOrder: ['当前订单', 'Current order'],
  orderId: ['订单号', 'Order id'],
  copy: ['复制', 'Copy'],
  newOrder: ['新订单', 'New order'],
  tabAddPoints: ['加积分', 'Add points'],
  tabTopUp: ['储值充值', 'Top up'],
  tabUndedut: ['储值退回', 'Return stored value'],
  tabUncharge: ['充值退款', 'Refund a top-up'],
  precheckOk: ['预检通过', 'Pre-check passed'],
  precheckFailed: ['预检未通过', 'Pre-check failed'],
  flows: ['顾客流水', 'Customer history'],
  flowType: ['类型', 'Type'],
  change: ['变动', 'Change'],
  balanceAfter: ['变动后余额', 'Balance after'],
  detail: ['详情', 'Details'],
  prev: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  pageOf: ['第 {page} 页 / 共 {pages} 页', 'Page {page} of {pages}'],
  useVoucher: ['核销', 'Use'],
  restoreVoucher: ['反核销', 'Restore'],
  voucherDone: ['券 {id} 已{what}', 'Voucher {id}: {what}'],
  voucherConfirm: [
    '{what}券 {id}？顾客 {customer}，订单 {order}',
    '{what} voucher {id}? Customer {customer}, order {order}',
  ],
  rateLimitedIn: ['操作过于频繁，请 {s} 秒后再试', 'Too many calls; try again in {s} s'],
  voucherNotChanged: ['平台未更改此券的状态', 'The platform did not change this voucher'],
  orders: ['订单', 'Orders'],
  consumed: ['消耗', 'Consumed'],
  actionsCol: ['操作', 'Actions'],
  refund: ['退款', 'Refund'],
  refunded: ['已退款', 'Refunded'],
  reversedSoFar: ['已退', 'reversed'],
  leftOfOrder: ['剩余', 'left'],
  auditTrail: ['审计记录', 'Audit trail'],
  jobsTitle: ['批量任务', 'Bulk jobs'],
  jobsNote: [
    '一个操作，CSV 文件每行一次调用。上传后先逐行校验，确认总影响后才开始；每行的请求ID由任务和行号决定，重试不会重复执行。',
    'One operation, one call per row of a CSV file. The file is checked row by row when uploaded, and nothing starts until you confirm its total effect; each row’s request id comes from the job and the row, so nothing runs twice.',
  ],
  jobOperation: ['操作', 'Operation'],
  jobTemplate: ['下载模板', 'Download template'],
  jobFile: ['CSV 文件', 'CSV file'],
  jobCheck: ['上传并校验', 'Upload and check'],
  jobNoFile: ['请先选择 CSV 文件', 'Choose a CSV file first'],
  jobExists: [
    '此文件已上传过，为任务 {job}（{status}）：再次上传不会重复执行。如确需对同一名单再执行一次，请点“再次执行此文件”。',
    'This file was uploaded before, as job {job} ({status}): uploading it again does not run it twice. To run the same list once more on purpose, press "Run this file again".',
  ],
  jobAgain: ['再次执行此文件', 'Run this file again'],
  jobErrors: ['无效的行（未创建任务）', 'Invalid rows (no job was made)'],
  jobRow: ['行', 'Row'],
  jobField: ['字段', 'Field'],
  jobProblem: ['问题', 'Problem'],
  jobHeader: ['表头', 'header'],
  jobEffect: ['{total} 行，共影响：{effect}', '{total} rows, moving in all: {effect}'],
  jobNothing: ['无金额', 'no amounts'],
  jobConfirm: ['确认并开始', 'Confirm and start'],
  jobCancel: ['取消任务', 'Cancel the job'],
  jobProgress: ['进度', 'Progress'],
  jobCounts: [
    '{status}：已完成 {done}/{total}（成功 {applied}，拒绝 {refused}，结果未知 {unknown}）{eta}',
    '{status}: {done} of {total} done ({applied} applied, {refused} refused, {unknown} unknown){eta}',
  ],
  jobEta: ['，预计 {time} 完成', ', expected to end at {time}'],
  jobResults: ['下载结果文件', 'Download the results file'],
  job_ready: ['待开始', 'Ready'],
  job_running: ['进行中', 'Running'],
  job_done: ['已完成', 'Done'],
  job_failed: ['失败', 'Failed'],
  job_cancelled: ['已取消', 'Cancelled'],
  auditAll: ['全部操作员（代理审计记录，按时间倒序）', "Every operator (the proxy's audit trail, newest first)"],
  auditOwn: ['本人的操作（代理审计记录，按时间倒序）', "Your own calls (the proxy's audit trail, newest first)"],
  operatorCol: ['操作员', 'Operator'],
  refresh: ['刷新', 'Refresh'],
  more: ['更多', 'More'],
  confirmTitle: ['请确认', 'Please confirm'],
  confirm: ['确认执行', 'Confirm'],
  cancel: ['取消', 'Cancel'],
  confirmEffect: [
    '将{action}：{amount}，顾客 {customer}，订单 {order}',
    'This will {action}: {amount}, customer {customer}, order {order}',
  ],
  u8Link: [
    '首次为该顾客使用 U8 会员ID {mid}：确认后，它将关联为该顾客的 U8 会员（本品牌各终端共用）',
    'First use of U8 member id {mid} for this customer: once confirmed, it is linked as theirs at every desk of the brand',
  ],
  refreshFailed: ['已执行，但余额未能刷新', 'Applied, but the balances could not be read again'],
  reasonRequired: ['手动调整须填写原因', 'A manual adjustment needs a reason'],
  unknownShort: ['结果未知，可用同一请求ID重试', 'Unknown: retry with the same request id'],
  pendingTitle: ['等待结果的操作', 'Awaiting an outcome'],
  pendingNote: [
    '这些请求尚无明确结果。重试使用同一请求ID，不会重复执行；每项只属于它自己的顾客。',
    'These requests have no definite outcome. A retry uses the same request id and can never apply twice; each belongs to its own customer.',
  ],
  inFlight: ['等待应答', 'awaiting the answer'],
  unknownState: ['结果未知', 'outcome unknown'],
  unknownInterrupted: [
    '结果未知（等待应答时页面被关闭或刷新）',
    'outcome unknown (the page was closed or reloaded while waiting)',
  ],
  lockedTo: [
    '此表单锁定在结果未知的请求上：用同一请求ID重试不会重复执行。',
    'This form is locked to a request whose outcome is unknown: a retry with the same request id can never apply twice.',
  ],
  newWhileUnknown: [
    '请求 {id} 的结果未知。新建操作会把它留在“等待结果的操作”中；重试它是安全的，而新请求可能造成重复执行。仍要新建吗？',
    'The outcome of request {id} is unknown. A new operation leaves it under “Awaiting an outcome”; retrying it is safe, a new request may apply twice. Start a new one anyway?',
  ],
  proxyDown: [
    '无法连接代理服务，请检查本机网络后重试',
    'The proxy cannot be reached; check this device’s network and try again',
  ],
  platformDown: [
    '代理无法连接平台（平台暂时不可用，并非本机网络问题）',
    'The proxy could not reach the platform (the platform is unavailable; this device’s network is fine)',
  ],
  // The books: the worklist, reconciliation and the close.
  day: ['日期（GMT+8）', 'Day (GMT+8)'],
  show: ['查看', 'Show'],
  worklistTitle: ['待定结果清单', 'Worklist: outcomes awaited'],
  worklistOwn: [
    '本人当日结果未知的写入；对账判定后显示判定的结果',
    'Your writes of the day whose outcome is unknown, with the outcome once a reconciliation run decides it',
  ],
  worklistAll: [
    '各操作员当日结果未知的写入；对账判定后显示判定的结果',
    "Every operator's writes of the day whose outcome is unknown, with the outcome once a reconciliation run decides it",
  ],
  worklistEmpty: ['当日没有结果未知的写入', 'No write of the day has an unknown outcome'],
  worklistTruncated: ['只显示最新的 500 条', 'Only the newest 500 are shown'],
  awaitingRun: ['待对账判定', 'awaiting a run'],
  settledApplied: ['已执行（对账 {run} 判定）', 'applied (decided by run {run})'],
  settledNotApplied: ['未执行（对账 {run} 判定）', 'not applied (decided by run {run})'],
  reconTitle: ['对账', 'Reconciliation'],
  reconStart: ['开始对账', 'Start a run'],
  reconNone: ['该日尚无对账', 'No run of this day yet'],
  reconRun: ['对账 {id}：{status}，发起人 {by}，开始于 {at}', 'Run {id}: {status}, started by {by} at {at}'],
  reconFinished: ['，结束于 {at}', ', finished at {at}'],
  reconProgress: [
    '进度：{phase}，平台查询 {done} / {planned}',
    'Progress: {phase}, {done} of {planned} platform reads',
  ],
  reconFailed: ['对账失败：{error}', 'The run failed: {error}'],
  reconSummary: ['汇总', 'Summary'],
  reconItems: [
    '先看这些：金额或顾客不符，以及平台有而审计无的流水',
    'Look at these first: a different amount or customer, and flows on the platform but not in the audit',
  ],
  reconNoItems: ['没有不符或审计外的流水', 'Nothing mismatched, nothing outside the audit'],
  exportItems: ['导出全部明细 CSV', 'Export every item (CSV)'],
  kindCol: ['类别', 'Kind'],
  platformCol: ['平台流水', 'Platform flows'],
  auditCol: ['审计', 'Audit'],
  noteCol: ['备注', 'Note'],
  shopCol: ['门店', 'Shop'],
  closeTitle: ['交班 / 日结', 'Shift / day close'],
  closeOwn: ['本人当日的写入，按门店', 'Your writes of the day, by shop'],
  closeAll: ['您所在门店各操作员当日的写入', "Every operator's writes of the day at your shops"],
  closeEmpty: ['当日没有写入', 'No write on this day'],
  print: ['打印', 'Print'],
  figureCol: ['项目', 'Figure'],
  totalCol: ['合计', 'Total'],
  hourChart: ['当日各小时变动（GMT+8）', "The day's movements by hour (GMT+8)"],
  hourAxis: ['时（GMT+8）', 'Hour (GMT+8)'],
  hourCol: ['时段（GMT+8）', 'Hour (GMT+8)'],
  voucherUnit: ['张', 'vouchers'],
  // Forms that ask only what a person decides (issue 24: forms)
  moreFields: ['更多字段', 'More fields'],
  sendingTimeHint: ['留空即发送时刻（GMT+8）', 'Empty: the time of sending (GMT+8)'],
  returnsWhat: ['将退回订单 {order}：{moved}', 'Gives back of order {order}: {moved}'],
  returnsNothing: ['订单 {order} 已无可退', 'Nothing is left of order {order} to give back'],
  returnsUnknown: [
    '本次会话未记录订单 {order}，退回多少以平台为准',
    'Order {order} is not in this session: the platform decides what comes back',
  ],
  returnsOver: ['超过剩余 {left}', 'more than the {left} left'],
  // Order lookup (cards/order-lookup.js): an order by its receipt's id, and its reversal.
  lookupTitle: ['按订单号查找', 'Find an order'],
  lookupId: ['订单号（小票上）', 'Order id (on the receipt)'],
  lookupFind: ['查找订单', 'Find order'],
  lookupEmpty: ['请输入订单号', 'Enter the order id'],
  lookupPaid: ['已付', 'Paid'],
  lookupReversed: ['已退回', 'Given back'],
  lookupLeft: ['剩余可退', 'Left to give back'],
  lookupWrites: ['订单记录', "The order's writes"],
  lookupReversal: ['退回', 'reversal'],
  lookupCut: ['记录过多，只显示前 200 条', 'Too many writes: the first 200 are shown'],
  lookupUnknownWrites: [
    '有 {n} 笔写入结果未知：请先在“等待结果的操作”中重试',
    '{n} writes have an unknown outcome: retry them under "awaiting an outcome" first',
  ],
  lookupDone: ['此订单已全部退回', 'Everything of this order has been given back'],
  lookupNoFit: ['没有适用于此订单的退回方式', 'No reversal fits this order'],
  lookupNotAllowed: ['您不能退回此订单', 'You may not give this order back'],
  lookupWhy_method: ['您的角色没有此退回权限', 'your role may not make this reversal'],
  lookupWhy_own: [
    '由其他操作员所做，您的角色只能退回自己的订单',
    'made by another operator; your role reverses its own orders',
  ],
  lookupWhy_voucher_restore: [
    '退回订单的券需要恢复券的权限',
    "giving back the order's vouchers needs the voucher restore permission",
  ],
  lookupWhy_elsewhere: [
    '平台上此订单的金额多于本系统的记录：部分在别处完成，不能在此退回',
    'the platform holds more on the order than was written here: part of it was made elsewhere',
  ],
  lookupRefund: ['退回', 'Give back'],
  lookupHowMuch: ['退回多少', 'How much'],
  lookupWhole: ['全部剩余：{amount}', 'All that is left: {amount}'],
  lookupPartial: ['部分退回', 'Part of it'],
  lookupAmount: ['退回金额（{unit}），最多 {max}', 'Amount ({unit}), at most {max}'],
  lookupAmountBad: ['退回金额须大于 0 且不超过 {max}', 'The amount must be more than 0 and at most {max}'],
  lookupReason: ['退回原因', 'Reason'],
  lookupReasonBad: ['请填写退回原因', 'Say why it is given back'],
  lookupNoReason: ['此退回方式不向平台记录原因', 'This reversal records no reason on the platform'],
  lookupReview: ['查看将退回的内容', 'Review the refund'],
  lookupConfirm: [
    '将退回 {amount} 给顾客 {customer}（订单 {order}，{method}）',
    'This gives back {amount} to customer {customer} (order {order}, {method})',
  ],
  resApplied: ['已执行', 'applied'],
  resRefused: ['未执行', 'not applied'],
  resUnknown: ['结果未知', 'unknown'],
  resUnsent: ['未发送', 'not sent'],
  // Audit and flows as tools: filters, empty states, the customer notation, the CSV exports.
  customerIdLabel: ['顾客ID', 'Customer id'],
  fromDay: ['起始日期（GMT+8）', 'From (GMT+8)'],
  toDay: ['截止日期（GMT+8）', 'To (GMT+8)'],
  customerFilter: ['顾客（手机号或ID）', 'Customer (mobile or id)'],
  anyOperation: ['全部操作', 'Every operation'],
  anyType: ['全部类型', 'Every type'],
  writesOnly: ['仅写入操作', 'Writes only'],
  applyFilters: ['筛选', 'Filter'],
  badRange: ['起始日期不能晚于截止日期', '“From” cannot be after “To”'],
  auditEmpty: ['没有符合条件的记录：{filters}', 'No records match: {filters}'],
  flowsEmpty: ['没有符合条件的流水：{filters}', 'No flows match: {filters}'],
  filterDays: ['{from} 至 {to}', '{from} to {to}'],
  filterAnyDay: ['全部日期', 'any day'],
  filterWrites: ['仅写入', 'writes only'],
  filterAllCalls: ['含查询', 'reads included'],
  filterOperator: ['操作员 {v}', 'operator {v}'],
  filterCustomer: ['顾客 {v}', 'customer {v}'],
  filterOrder: ['订单 {v}', 'order {v}'],
  filterOperation: ['操作：{v}', 'operation: {v}'],
  filterType: ['类型：{v}', 'type: {v}'],
  shownRows: ['已显示 {n} 条', '{n} shown'],
  exportCapped: ['只导出了最新的 {n} 条，请缩小日期范围', 'Only the newest {n} rows were exported; narrow the days'],
  exportFailed: ['导出失败：{error}', 'The export failed: {error}'],
  notationCard: ['卡', 'Card'],
  notationOuter: ['外部ID', 'Outer id'],
  notationId: ['ID', 'ID'],
  notationU8: ['U8 会员', 'U8 member'],
  reasonCol: ['原因 / 备注', 'Reason / remark'],
  flowUNDEDUT: ['储值退回', 'stored value returned'],
  flowFREEZE: ['储值冻结', 'stored value frozen'],
  csvTime: ['时间（GMT+8）', 'Time (GMT+8)'],
  csvPoints: ['积分', 'Points'],
  csvYuan: ['储值（元）', 'Stored value (yuan)'],
  csvVouchers: ['券', 'Vouchers'],
  csvRequestId: ['请求ID', 'Request id'],
  csvPointsChange: ['积分变动', 'Points change'],
  csvYuanChange: ['储值变动（元）', 'Stored value change (yuan)'],
  csvPointsBefore: ['变动前积分', 'Points before'],
  csvPointsAfter: ['变动后积分', 'Points after'],
  csvYuanBefore: ['变动前储值（元）', 'Stored value before (yuan)'],
  csvYuanAfter: ['变动后储值（元）', 'Stored value after (yuan)'],
  csvU8Before: ['变动前 U8 积分', 'U8 points before'],
  csvU8After: ['变动后 U8 积分', 'U8 points after'],
  csvFlowId: ['流水ID', 'Flow id'],
  // Allowance, receipt and voucher issuing (issue 24).
  allowanceTitle: ['今日额度', "Today's allowance"],
  allowanceKind: ['类别', 'Kind'],
  perCall: ['单次上限', 'Per call'],
  perDay: ['每日上限', 'Per day'],
  usedToday: ['今日已用', 'Used today'],
  leftToday: ['今日剩余', 'Left today'],
  allowanceCalls: ['调用次数', 'Calls'],
  allowanceVoucherValue: ['优惠券面值', 'Voucher face value'],
  callUnit: ['次', 'calls'],
  noLimit: ['不限', 'no limit'],
  leftTodayIs: ['今日剩余 {left}', '{left} left today'],
  receiptTitle: ['小票', 'Receipt'],
  receiptTime: ['时间（GMT+8）', 'Time (GMT+8)'],
  receiptRequest: ['请求ID', 'Request id'],
  receiptBalances: ['变动后余额', 'Balances after'],
  receiptNoBalances: ['未能读取', 'not read'],
  receiptClose: ['关闭小票', 'Close the receipt'],
  u8Points: ['U8 积分', 'U8 points'],
  voucherFace: ['面值', 'face value'],
  voucherMinSpend: ['满 {n} 可用', 'min. spend {n}'],
  voucherNoMin: ['无门槛', 'no minimum spend'],
  voucherValid: ['有效期 {from} 至 {to}', 'valid {from} to {to}'],
  voucherDays: ['领取后 {n} 天内有效', 'valid {n} days from issue'],
  issueTitle: ['发券', 'Issue vouchers'],
  issueTemplate: ['券模板', 'Voucher template'],
  issueCount: ['数量（张）', 'Count'],
  issueSubmit: ['发券', 'Issue'],
  issueCountRule: ['数量：须为 1 到 {max} 的整数', 'Count: a whole number from 1 to {max}'],
  issueConfirm: ['向顾客 {customer} 发放 {count} 张「{name}」？', 'Issue {count} × "{name}" to customer {customer}?'],
  issueDone: ['已发放 {count} 张「{name}」', 'Issued {count} × "{name}"'],
  issued: ['发券', 'issued'],
  // Customer lookup (issue 24): every notation of a mobile, card numbers, U8 member links.
  byCardInstance: ['卡实例ID', 'Card instance id'],
  hint_mobile: ['如 138 0000 0001 或 +86 138…', 'e.g. 138 0000 0001 or +86 138…'],
  hint_customer_id: ['顾客ID（数字）', 'Customer id (digits)'],
  hint_physical_card_id: ['卡面上的会员卡号', 'The number on the member card'],
  hint_card_id: ['电子卡的卡实例ID', 'The card instance id'],
  hint_u8_member_id: ['已关联的 U8 会员ID', 'A linked U8 member id'],
  mobile_required: ['请输入手机号', 'Enter the mobile number'],
  mobile_chars: [
    '手机号只能含数字、空格、短横线、点或 +86 / 0086 前缀',
    'Mobile: digits, spaces, dashes or dots only, with an optional +86 / 0086',
  ],
  mobile_length: ['手机号须为 11 位数字（不含 +86）', 'Mobile: 11 digits (without +86)'],
  mobile_prefix: ['手机号须以 13 至 19 开头', 'Mobile: must start with 13 to 19'],
  id_required: ['请输入{f}', 'Enter the {f}'],
  id_format: ['{f}只能含字母、数字、_ 或 -，最多 64 位', '{f}: letters, digits, _ or - only, at most 64'],
  cardNoCustomer: ['这张卡未绑定顾客', 'This card is not bound to a customer'],
  level: ['等级', 'Level'],
  cardTemplate: ['卡模板', 'Card template'],
  u8PointsUnknown: ['首次 U8 积分变动后显示', 'Shown after the first U8 change'],
  u8NotLinked: ['尚未关联 U8 会员', 'No U8 member linked yet'],
  linkU8: ['关联 U8 会员', 'Link U8 member'],
  u8LinkedBy: ['{who} 关联于', 'linked by {who} at'],
  u8NotLinkedTo: ['没有顾客关联 U8 会员ID {mid}', 'No customer is linked to U8 member id {mid}'],
  u8MidFormat: [
    'U8 会员ID只能含字母、数字、_ 或 -，最多 64 位',
    'U8 member id: letters, digits, _ or - only, at most 64',
  ],
  u8MidMobile: [
    '这是手机号，不是 U8 会员ID：请输入 U8 会员ID',
    'That is a mobile number, not a U8 member id: enter the member id',
  ],
  u8AlreadyLinked: [
    '该顾客已关联 U8 会员ID {mid}；只有有权限的角色（店长）可以替换',
    'This customer is already linked to U8 member id {mid}; only a role that may (a manager) replaces it',
  ],
  u8MemberTaken: [
    'U8 会员ID {mid} 已关联顾客 {customer}；只有有权限的角色（店长）可以替换',
    'U8 member id {mid} is already linked to customer {customer}; only a role that may (a manager) replaces it',
  ],
  u8LinkUnread: ['未能读取 U8 会员关联', 'The U8 member link could not be read'],
  u8Replace: ['替换原关联，改为 U8 会员ID {mid}', 'Replace the old link with U8 member id {mid}'],
  auditU8Link: ['关联 U8 会员', 'U8 member linked'],
  auditU8Relink: ['更换 U8 会员关联', 'U8 member link replaced'],
  // audit2: order lookup's not found (ids are case-sensitive) and the reversals it does not allow.
  lookupNotFoundCase: [
    '在您的门店没有订单 {id} 的记录（订单号区分大小写）',
    'No order {id} at the shops you work at — order ids are case-sensitive',
  ],
  lookupWhy_unrecorded: ['代理没有此订单的记录（保留 30 天）', 'the proxy has no record of this order (kept 30 days)'],
  lookupWhy_customers: [
    '此订单记在多位顾客名下，平台只能退给其中一位',
    'this order was written for several customers, and the platform gives an order back to one',
  ],
  lookupWhy_no_vouchers: ['此订单没有可反核销的券', 'no voucher of this order is left to restore'],
  lookupWhy_unbounded: [
    '您的角色有限额，而此订单整单退回的数额无法核定',
    'your role has limits, and what a return of this whole order gives back cannot be bounded',
  ],
  // Every write bound to its own customer and order (a reversal from an order's row).
  refundForOwner: [
    '此退回属于订单的顾客 {customer}（不是当前显示的顾客）',
    "This gives back to the order's own customer {customer} (not the one on screen)",
  ],
};

// The books' words: the close's figures, a run's item kinds, statuses and phases.
const BOOKS = {
  points_deducted: ['扣减积分', 'Points deducted'],
  points_added: ['增加积分', 'Points added'],
  u8_points_deducted: ['U8 扣减积分', 'U8 points deducted'],
  u8_points_added: ['U8 增加积分', 'U8 points added'],
  value_paid: ['储值支付', 'Stored value paid'],
  value_paid_reversed: ['储值退回', 'Stored value returned'],
  value_topped_up: ['储值充值', 'Stored value topped up'],
  value_refunded: ['充值退款', 'Top-ups refunded'],
  value_frozen: ['储值冻结', 'Stored value frozen'],
  vouchers_redeemed: ['核销券', 'Vouchers redeemed'],
  vouchers_restored: ['反核销券', 'Vouchers restored'],
  // audit2: the close's vouchers sent to customers (voucher.send).
  vouchers_issued: ['发券', 'Vouchers issued'],
  applied: ['已执行（笔）', 'Applied (writes)'],
  refused: ['未执行（笔）', 'Not applied (writes)'],
  unknown: ['结果未知（笔）', 'Unknown (writes)'],
  settled: ['其中对账判定（笔）', 'Of these, decided by a run'],
  writes: ['审计写入', 'Audited writes'],
  matched: ['一致', 'matched'],
  settled_applied: ['判定已执行', 'settled: applied'],
  settled_not_applied: ['判定未执行', 'settled: not applied'],
  not_in_audit: ['平台有、审计无', 'not in the audit'],
  mismatched: ['金额或顾客不符', 'mismatched'],
  unresolved: ['尚无法判定', 'unresolved'],
  running: ['进行中', 'running'],
  done: ['已完成', 'done'],
  failed: ['失败', 'failed'],
  planning: ['规划查询', 'planning'],
  reading: ['读取平台流水', 'reading'],
  matching: ['比对', 'matching'],
  settling: ['判定', 'settling'],
};

// Validation messages, by rule: {f} is the field's label, {v} what the rule allows.
const RULES = {
  required: ['请填写{f}', '{f} is required'],
  required_when: ['此时必须填写{f}', '{f} is required here'],
  any_of: ['{f}等至少填写一项', 'Give {f} or its alternative'],
  type: ['{f}的格式不对', '{f} has the wrong form'],
  integer: ['{f}须为整数', '{f} must be a whole number'],
  range: ['{f}超出范围', '{f} is out of range'],
  positive: ['{f}须大于 0', '{f} must be greater than 0'],
  non_negative: ['{f}不能为负数', '{f} cannot be negative'],
  decimal: ['{f}须为金额，最多两位小数', '{f} must be an amount with at most two decimals'],
  money: ['{f}须为金额（元），最多两位小数', '{f} must be an amount in yuan, at most two decimals'],
  date: ['{f}须为 yyyy-MM-dd HH:mm:ss', '{f} must be written yyyy-MM-dd HH:mm:ss'],
  one_of: ['请从列表中选择{f}', 'Choose {f} from the list'],
  unknown: ['{f}不是此操作的字段', '{f} is not a field of this operation'],
};

// Statuses the platform sends as codes, in words an operator uses.
const STATUS = {
  ACTIVED: ['已激活', 'active'],
  ACTIVE: ['已激活', 'active'],
  INACTIVE: ['未激活', 'not active'],
  FROZEN: ['已冻结', 'frozen'],
  CANCEL: ['已注销', 'cancelled'],
  EXPIRED: ['已过期', 'expired'],
  NORMAL: ['可用', 'usable'],
  ISUSED: ['已使用', 'used'],
  USED: ['已使用', 'used'],
  LOCKED: ['已锁定', 'locked'],
  'point.consume': ['积分补扣', 'points deducted'],
  verify: ['核销', 'redeemed'],
  refund: ['退款', 'refund'],
  'value.undedut': ['储值退回', 'stored value returned'],
  'recharge.charge': ['充值', 'top-up'],
  'recharge.refund': ['充值退款', 'top-up refunded'],
  'value.consume': ['储值消费', 'stored value paid'],
  'point.operate.1': ['积分增加', 'points added'],
  'point.operate.2': ['积分冻结', 'points frozen'],
  'point.operate.3': ['积分核销', 'points redeemed'],
  'point.operate.4': ['积分扣减', 'points decreased'],
  'point.cash': ['积分抵现', 'points paid'],
  'point.extracharge': ['积分补录', 'points added later'],
  'point.reverse': ['积分消费回退', 'points given back'],
  'recharge.freeze': ['储值冻结', 'stored value frozen'],
  'voucher.issue': ['发券', 'vouchers issued'],
  'voucher.send': ['送券', 'vouchers sent'],
  'voucher.use': ['券核销', 'voucher used'],
  'voucher.restore': ['券反核销', 'voucher restored'],
  CHARGE: ['充值', 'top-up'],
  UNCHARGE: ['充值退款', 'top-up refunded'],
  DEDUT: ['储值消费', 'stored value paid'],
};

// Friendlier names for the fields the forms show most.
const FIELDS = {
  biz_channel: ['渠道', 'Channel'],
  change_point: ['积分数', 'Points'],
  out_biz_id: ['关联订单号', 'Order id'],
  reason: ['原因', 'Reason'],
  operate_type: ['操作类型', 'Operation type'],
  value: ['金额', 'Amount'],
  outer_order_id: ['订单号', 'Order id'],
  new_outer_order_id: ['退款单号', 'Refund order id'],
  remark: ['备注', 'Remark'],
  biz_date: ['业务时间', 'Business time'],
  card_id: ['卡ID', 'Card id'],
  mobile: ['手机号', 'Mobile'],
  outer_id: ['外部ID', 'External id'],
  outer_type: ['外部ID类型', 'External id type'],
  voucher_id_list: ['券ID（逗号分隔）', 'Voucher ids (comma-separated)'],
  ext_info: ['扩展信息 (JSON)', 'Extra info (JSON)'],
  mid: ['U8 会员ID', 'U8 member id'],
  real_value: ['实充金额', 'Amount paid'],
  gift_value: ['赠送金额', 'Gift amount'],
  pre_value: ['预储金额', 'Pre-stored amount'],
  trigger_gift: ['按规则赠送', 'Apply the gift rule'],
  charge_type: ['充值方式', 'Payment type'],
  src_outer_order_id: ['原充值订单号', 'Top-up order id'],
  action_type: ['积分业务类型', 'Action'],
  ori_money: ['业务金额（元）', 'Amount (yuan)'],
  calc_money: ['计算金额（元）', 'Counted amount (yuan)'],
  ori_points: ['积分', 'Points'],
  cur_points: ['当前积分', 'Current points'],
  multiple: ['倍数', 'Multiple'],
  extra_points: ['额外积分', 'Extra points'],
  extra_memo: ['额外积分备注', 'Extra points memo'],
  source_code: ['来源订单号', 'Source order'],
  source1: ['原订单号（退货）', 'Original order (returns)'],
  source2: ['来源依据2', 'Source 2'],
};

let current = sessionStorage.getItem('lang') === 'en' ? 1 : 0;

export const lang = () => (current ? 'en' : 'zh');
export const t = (key) => TEXT[key]?.[current] ?? key;
/** An amount in 分 in 元 with its unit, a no-break space between: 元 never wraps onto a line of its own. */
export const yuan = (fen) => `${fenText(fen)}\u00a0${TEXT.yuan[current]}`;
export const fieldLabel = (name, description) => FIELDS[name]?.[current] ?? (current ? name : description || name);
export const title = (meta) => (current ? meta.titleEn : meta.titleZh);
export const choiceLabel = (c) => `${c.value} · ${current ? c.en : c.zh}`;

/** A broken rule `{rule, field}` as a sentence in the chosen language. */
export function ruleMessage(e, label, { money, number } = {}) {
  const rule =
    money && ['type', 'integer', 'range'].includes(e.rule) ? 'money' : number && e.rule === 'type' ? 'integer' : e.rule;
  const template = RULES[rule]?.[current] ?? (current ? e.message : `${label}: ${e.message}`);
  return template.replace('{f}', label);
}

// The proxy's own refusals, by code, in the chosen language ({limit}: which limit, {n}: its
// number). The platforms' refusals keep their own (Chinese) display message.
// The SDK's codes that carry no platform message come from its vocabulary.
const SDK_ERRORS = vocabulary().errors;
const ERRORS = {
  ...Object.fromEntries(SDK_ERRORS.filter((e) => e.outcome === 'unknown').map((e) => [e.code, [e.zh, e.en]])),
  LIMIT_EXCEEDED: ['超出本角色的限额（{limit}）', "Over this role's limit ({limit})"],
  RATE_LIMITED: ['操作过于频繁，请稍后再试', 'Too many calls this minute; try again shortly'],
  FORBIDDEN: ['本角色无权执行此操作', 'This role may not do that'],
  OUT_OF_SCOPE: ['超出您工作的品牌或门店', 'Outside the brands and shops you work at'],
  REQUEST_ID_CONFLICT: [
    '该请求ID已用于内容不同的请求，请新建操作',
    'That request id was used for a different request; start a new operation',
  ],
  UNAUTHORIZED: ['登录已失效，请重新登录', 'Your session ended; sign in again'],
  PAYLOAD_TOO_LARGE: ['提交的内容过大', 'Too much data in one request'],
};
const LIMIT_NAMES = {
  points: ['单次积分', 'points per call'],
  value: ['单次储值', 'stored value per call'],
  pointsPerDay: ['每日积分', 'points per day'],
  valuePerDay: ['每日储值', 'stored value per day'],
  callsPerMinute: ['每分钟次数', 'calls per minute'],
  amount: ['无法计算金额', 'amount cannot be computed'],
  vouchers: ['单次券数', 'vouchers per call'],
  vouchersPerDay: ['每日券数', 'vouchers per day'],
  voucherValue: ['单次券面值', 'voucher face value per call'],
  voucherValuePerDay: ['每日券面值', 'voucher face value per day'],
};

// audit2: what a platform's business refusal code means, for the English screen; the
// platform's own (Chinese) text is kept beside it as the detail. The documents list no codes:
// these are the ones the sandbox answers (src/js/testing/PROTOCOL.md).
const PLATFORM_CODES = {
  BALANCE_NOT_ENOUGH: 'Not enough stored value left to give back',
  POINT_NOT_ENOUGH: 'Not enough points',
  CUSTOMER_NOT_FOUND: 'No such customer',
  ORDER_NOT_FOUND: 'The original order was not found',
  ORDER_ALREADY_REFUNDED: 'The order was already given back',
  ORDER_DUPLICATE: 'That order id was already used',
  ORDER_EXISTS: 'That top-up order id was already used',
  VOUCHER_NOT_AVAILABLE: 'The voucher cannot be used',
  VOUCHER_NO_INVENTORY: 'No vouchers of that template are left',
  VOUCHER_TEMPLATE_NOT_FOUND: 'No such voucher template',
  VALUE_EXCEEDS_ORDER: 'More stored value than the order paid',
  POINT_EXCEEDS_ORDER: 'More points than the order took',
  ACCOUNT_NOT_FOUND: 'No stored-value account',
  CARD_NOT_FOUND: 'No such card',
  CARD_NOT_ACTIVE: 'The card is not active',
  FLOW_NOT_FOUND: 'No such flow',
};

/**
 * A platform's own refusal: its text with amounts in 分 written in 元; on the English screen,
 * what its code means first, the text as the detail.
 */
function platformMessage(error) {
  const said = fenAsYuanIn(error?.message ?? '', TEXT.yuan[current]);
  const meant = error?.code === 'BIZ_ERROR' && current ? PLATFORM_CODES[error.platform_code] : undefined;
  return meant ? `${meant} (${said})` : said;
}

/** An error answer from the proxy as the operator should read it. */
export function errorMessage(error) {
  const template = ERRORS[error?.code]?.[current];
  if (!template) return platformMessage(error);
  // A rate limit says when the same call will be let through.
  if (error.code === 'RATE_LIMITED' && Number.isFinite(error.retry_after_ms))
    return fill(TEXT.rateLimitedIn[current], { s: Math.max(1, Math.ceil(error.retry_after_ms / 1000)) });
  const [name, n] = String(error.limit ?? '').split(':');
  // Stored value and voucher face value limits are counted in 分 and read in 元, with the unit.
  const amount = n && /^(value|voucherValue)/.test(name) && fenToYuan(n) !== null ? yuan(n) : n;
  const limit = [LIMIT_NAMES[name]?.[current] ?? name, amount].filter(Boolean).join(' ');
  return template.replace('{limit}', limit);
}

/** A platform status code in words; an unknown code is shown as it is. */
export const status = (code) => (code ? (STATUS[code]?.[current] ?? code) : '');

/** `text` with `{name}` replaced from `values`. */
export const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ''));

/**
 * Date and time in the shops' zone (GMT+8, as the platforms write theirs), in one format in
 * both languages, as every table and the books write it: `YYYY-MM-DD HH:mm:ss`.
 */
export const dateTime = (d) => gmt8(d.getTime());

// An audit row's outcome in words.
const OUTCOMES = {
  ok: ['已执行', 'applied'],
  replayed: ['已执行（重放）', 'applied (replayed)'],
  ...Object.fromEntries(
    SDK_ERRORS.map((e) => [
      e.code,
      e.outcome === 'unknown' ? [`结果未知（${e.zh}）`, `unknown (${e.en})`] : [e.zh, e.en],
    ]),
  ),
  BAD_REQUEST: ['请求有误', 'bad request'],
  LIMIT_EXCEEDED: ['超出限额', 'over a limit'],
  RATE_LIMITED: ['过于频繁', 'too many calls'],
  FORBIDDEN: ['无权限', 'not allowed'],
  OUT_OF_SCOPE: ['超出门店范围', 'outside your shops'],
  UNAUTHORIZED: ['未登录', 'not signed in'],
  REQUEST_ID_CONFLICT: ['请求ID冲突', 'request id conflict'],
};
export const outcome = (code) => OUTCOMES[code]?.[current] ?? code;

/** A figure, kind, status or phase of the books in words; an unknown name is shown as it is. */
export const books = (name) => BOOKS[name]?.[current] ?? name;

/** Today in GMT+8, `YYYY-MM-DD`. */
export const todayGmt8 = () => gmt8(Date.now()).slice(0, 10);

export function toggle() {
  current = 1 - current;
  sessionStorage.setItem('lang', lang());
  document.documentElement.lang = current ? 'en' : 'zh-CN';
}

/** Re-labels every element marked `data-i18n`. */
export function apply(root = document) {
  // The page says its language from the first render on, a reload included.
  document.documentElement.lang = current ? 'en' : 'zh-CN';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
