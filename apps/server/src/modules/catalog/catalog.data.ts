import type { Skill } from '@yiyang/contracts';

/**
 * The district's home-service catalog as the domain brief describes it: 8 categories, 60+ items.
 * Prices are the bureau's reference prices in fen; providers may offer an item at their own price.
 */
export const CATEGORIES = [
  { code: 'housekeeping', name: '家政助洁', nameEn: 'Housekeeping and cleaning' },
  { code: 'repairs', name: '维修', nameEn: 'Repairs' },
  { code: 'laundry_haircut', name: '洗衣理发', nameEn: 'Laundry and haircut' },
  { code: 'meals', name: '助餐', nameEn: 'Meal help' },
  { code: 'bathing', name: '助浴', nameEn: 'Bathing' },
  { code: 'medical', name: '助医护理', nameEn: 'Medical help and nursing' },
  { code: 'rehab_tcm', name: '康复与中医', nameEn: 'Rehabilitation and TCM' },
  { code: 'companionship', name: '精神慰藉与代办', nameEn: 'Companionship and errands' },
] as const;

type Item = [code: string, name: string, unit: string, yuan: number, minutes: number, skills: Skill[], tasks: string[]];

export const ITEMS: Record<(typeof CATEGORIES)[number]['code'], Item[]> = {
  housekeeping: [
    ['room_cleaning', '居室清洁', '次', 60, 120, ['cleaning'], ['地面清扫拖洗', '家具擦拭', '垃圾清运']],
    ['kitchen_cleaning', '厨房清洁', '次', 80, 120, ['cleaning'], ['灶台去油', '水槽清洁', '橱柜擦拭']],
    ['bathroom_cleaning', '卫生间清洁', '次', 50, 60, ['cleaning'], ['马桶清洁', '地面防滑检查', '镜面擦拭']],
    ['window_cleaning', '门窗擦洗', '次', 70, 90, ['cleaning'], ['玻璃擦洗', '窗框清洁']],
    ['tidying', '整理收纳', '次', 50, 60, ['cleaning'], ['衣物整理', '杂物归置']],
    ['appliance_cleaning', '家电清洗', '台', 90, 90, ['cleaning'], ['拆洗', '消毒', '试机']],
    ['mite_removal', '床品除螨', '次', 40, 45, ['cleaning'], ['床垫除螨', '枕头除螨']],
    ['moving_help', '搬家协助', '次', 150, 180, ['cleaning'], ['物品打包', '搬运', '归位']],
    ['fridge_cleaning', '冰箱清洁', '次', 40, 45, ['cleaning'], ['过期食品清理', '内壁擦拭']],
    ['balcony_cleaning', '阳台清洁', '次', 40, 45, ['cleaning'], ['地面清洗', '杂物整理']],
  ],
  repairs: [
    ['electrical_repair', '水电维修', '次', 50, 60, ['electrician'], ['故障排查', '维修', '通电测试']],
    ['drain_unblocking', '管道疏通', '次', 80, 60, ['plumbing'], ['疏通', '试水']],
    ['lock_service', '开锁换锁', '次', 100, 45, ['locksmith'], ['身份核实', '开锁或换锁']],
    ['appliance_repair', '家电维修', '次', 60, 90, ['repair'], ['检测', '维修', '试机']],
    ['lamp_replacement', '灯具更换', '个', 20, 30, ['electrician'], ['断电', '更换', '测试']],
    ['door_window_repair', '门窗维修', '次', 60, 60, ['repair'], ['检查', '维修']],
    ['gas_safety_check', '燃气安全检查', '次', 0, 30, ['repair'], ['管线检查', '报警器测试', '安全提示']],
    ['ageing_adaptation', '适老化改造评估', '次', 0, 60, ['repair'], ['居家环境评估', '改造建议']],
    ['toilet_repair', '马桶维修', '次', 60, 60, ['plumbing'], ['检修', '试水']],
    ['grab_bar_install', '安装扶手', '处', 80, 60, ['repair'], ['定位打孔', '安装', '承重测试']],
  ],
  laundry_haircut: [
    ['laundry', '衣物清洗', '次', 30, 60, ['laundry'], ['分类清洗', '晾晒', '叠放']],
    ['bedding_laundry', '被褥清洗', '套', 40, 60, ['laundry'], ['拆洗', '晾晒', '铺装']],
    ['home_haircut', '上门理发', '次', 20, 30, ['haircut'], ['理发', '清理碎发']],
    ['shaving', '修面', '次', 15, 20, ['haircut'], ['修面', '清洁']],
    ['pedicure', '修脚', '次', 40, 40, ['haircut'], ['泡脚', '修脚']],
    ['nail_trimming', '修剪指甲', '次', 10, 20, ['haircut'], ['修剪', '打磨']],
  ],
  meals: [
    ['lunch_delivery', '送餐上门（午餐）', '份', 15, 20, ['delivery'], ['按时送达', '餐品核对']],
    ['dinner_delivery', '送餐上门（晚餐）', '份', 15, 20, ['delivery'], ['按时送达', '餐品核对']],
    ['grocery_shopping', '代购食材', '次', 20, 60, ['errands'], ['按清单采购', '票据交付']],
    ['home_cooking', '上门做饭', '次', 50, 90, ['cooking'], ['备菜', '烹饪', '厨房清理']],
    ['nutrition_advice', '营养配餐指导', '次', 30, 30, ['cooking'], ['饮食评估', '配餐建议']],
  ],
  bathing: [
    ['home_bathing', '上门助浴', '次', 120, 90, ['bathing'], ['水温调节', '助浴', '皮肤检查', '更衣']],
    ['bed_bath', '床上擦浴', '次', 80, 60, ['bathing'], ['擦浴', '更换衣物']],
    ['hair_washing', '洗头', '次', 30, 30, ['bathing'], ['洗头', '吹干']],
    ['bath_vehicle', '助浴车服务', '次', 200, 120, ['bathing', 'nursing'], ['健康评估', '助浴', '观察']],
    ['foot_bath', '足浴', '次', 30, 30, ['bathing'], ['泡脚', '按摩']],
  ],
  medical: [
    ['hospital_escort', '陪同就医', '次', 80, 180, ['escort'], ['挂号', '陪诊', '取药', '送返']],
    ['prescription_pickup', '代为配药', '次', 30, 90, ['errands'], ['取药', '用药交代']],
    ['bp_glucose_check', '血压血糖监测', '次', 10, 20, ['nursing'], ['测量血压', '测量血糖', '记录']],
    ['wound_dressing', '上门换药', '次', 50, 30, ['nursing'], ['消毒', '换药', '观察']],
    ['pressure_sore_care', '压疮护理', '次', 80, 45, ['nursing'], ['评估', '清创', '翻身指导']],
    ['nasal_feeding_care', '鼻饲护理', '次', 60, 30, ['nursing'], ['管路检查', '喂食', '清洁']],
    ['catheter_care', '导尿护理', '次', 80, 30, ['nursing'], ['消毒', '护理', '记录']],
    ['medication_guidance', '用药指导', '次', 20, 20, ['nursing'], ['药品核对', '用药讲解']],
    ['vital_signs', '生命体征测量', '次', 20, 20, ['nursing'], ['体温', '脉搏', '呼吸', '血压']],
  ],
  rehab_tcm: [
    ['tcm_massage', '中医推拿按摩', '次', 80, 45, ['tcm'], ['评估', '推拿', '注意事项']],
    ['moxibustion', '艾灸', '次', 60, 40, ['tcm'], ['取穴', '艾灸', '防烫观察']],
    ['cupping', '拔罐', '次', 50, 30, ['tcm'], ['拔罐', '皮肤观察']],
    ['rehab_training', '康复训练', '次', 100, 60, ['rehab'], ['评估', '训练', '记录']],
    ['limb_exercise', '肢体功能锻炼', '次', 60, 45, ['rehab'], ['被动活动', '主动训练']],
    ['walker_guidance', '助行器使用指导', '次', 30, 30, ['rehab'], ['调节', '使用示范']],
    ['guasha', '刮痧', '次', 40, 30, ['tcm'], ['刮痧', '皮肤观察']],
  ],
  companionship: [
    ['chatting', '陪伴聊天', '小时', 30, 60, ['companionship'], ['陪伴聊天', '情绪观察']],
    ['reading_aloud', '读书读报', '小时', 30, 60, ['companionship'], ['读报', '交流']],
    ['counselling', '心理疏导', '次', 100, 60, ['counselling'], ['倾听', '疏导', '记录']],
    ['legal_aid', '法律咨询', '次', 0, 60, ['legal'], ['咨询', '材料指引']],
    ['utility_payment', '代缴水电费', '次', 10, 30, ['errands'], ['代缴', '凭证交付']],
    ['bank_errand', '银行代办', '次', 20, 60, ['errands'], ['陪同或代办', '凭证交付']],
    ['shopping_errand', '代购物品', '次', 15, 45, ['errands'], ['按清单采购', '票据交付']],
    ['walk_escort', '陪同散步', '小时', 30, 60, ['companionship'], ['陪同散步', '安全看护']],
    ['festival_visit', '节日探访', '次', 0, 45, ['companionship'], ['探访', '送上慰问']],
    ['safety_visit', '安全巡访', '次', 0, 30, ['companionship'], ['居家安全检查', '身体状况询问']],
  ],
};

export const PACKAGES: { name: string; description: string; monthlyYuan: number; items: [code: string, quota: number][] }[] = [
  { name: '基础照料套餐', description: '每周一次居室清洁与陪伴，每月一次理发', monthlyYuan: 300, items: [['room_cleaning', 4], ['chatting', 4], ['home_haircut', 1]] },
  { name: '助浴护理套餐', description: '半护理老人：每周助浴，每周两次血压血糖监测', monthlyYuan: 900, items: [['home_bathing', 4], ['bp_glucose_check', 8], ['medication_guidance', 2]] },
  { name: '全护理套餐', description: '全护理老人：床上擦浴、压疮护理、康复训练', monthlyYuan: 1500, items: [['bed_bath', 8], ['pressure_sore_care', 8], ['limb_exercise', 8], ['vital_signs', 8]] },
  { name: '助餐套餐', description: '工作日午餐送餐上门', monthlyYuan: 330, items: [['lunch_delivery', 22]] },
];
