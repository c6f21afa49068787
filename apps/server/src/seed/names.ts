/**
 * Word lists for a realistic-looking demo district. The district is fictional; its coordinates lie
 * in one city area (around Hangzhou's old town) so maps and distances look like a real place.
 */
export const DISTRICT = { name: '颐和区', code: '330199', lat: 30.2741, lng: 120.1551 };

export const STREETS = ['湖滨街道', '清波街道', '小营街道', '望江街道', '紫阳街道', '南星街道'];

export const COMMUNITY_STEMS = [
  '东坡', '青年', '岳王', '吴山', '大井', '劳动', '柳翠', '清波', '涌金', '学士', '金钗', '东平',
  '葵巷', '长明', '马市', '小营', '梅花碑', '姚园寺', '金衙庄', '通江', '近江', '海潮', '南星', '复兴',
  '秋涛', '水湘', '紫阳', '候潮', '上羊', '新工', '十五奎', '四宜', '凤凰', '馒头山', '江城', '美政',
  '海月', '梵天寺', '白塔岭', '洋泮', '化仙', '望江', '始版桥', '红梅', '杭海', '汪家', '景芳', '采荷',
  '洁莲', '双菱', '芙蓉', '丁兰', '皋塘', '新塘', '彭埠', '云峰', '七堡', '常青', '三里亭', '机场路',
  '新风', '天仙', '笕桥', '弄口',
];

export const COMPOUND_STEMS = [
  '春晖', '阳光', '和睦', '福寿', '桂花', '紫荆', '翠苑', '景华', '明珠', '锦绣', '嘉园', '绿洲',
  '安居', '康乐', '颐景', '枫林', '梧桐', '香樟', '兰亭', '荷塘', '银杏', '金桂', '松鹤', '长乐',
];
export const COMPOUND_SUFFIXES = ['小区', '苑', '花园', '新村', '公寓', '里'];

export const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
