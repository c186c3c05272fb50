/**
 * The built-in dictionary of this job market's terms. Each entry is written the
 * way JDs usually write it; the tokenizer emits its canonical form (lower case,
 * inner spaces as '-'). Three kinds are handled differently:
 *  - pure ASCII words (Kubernetes, eBPF) stay whole anyway; listing them marks
 *    them as known, so they survive `minLength` and version stripping (vue3 → vue);
 *  - terms with spaces, dots, pluses, hyphens, slashes or mixed scripts
 *    (Spring Boot, Node.js, C++, go-zero, B端) are protected by a pre-pass,
 *    because jieba splits on those characters;
 *  - pure Chinese terms (云原生, 可观测性) are added to jieba's dictionary.
 */

const LANGUAGES = [
  'Go', 'Golang', 'Java', 'Python', 'C', 'C++', 'C#', 'Rust', 'JavaScript', 'TypeScript', 'Kotlin', 'Swift', 'Objective-C',
  'Scala', 'PHP', 'Ruby', 'Lua', 'Perl', 'R', 'Shell', 'Bash', 'SQL', 'HTML', 'HTML5', 'CSS', 'CSS3', 'Dart', 'Elixir',
  'Erlang', 'Haskell', 'Julia', 'MATLAB', 'Verilog', 'VHDL', 'Solidity', 'ArkTS', 'WebAssembly', 'Wasm', 'ES6', 'H5',
  '.NET', 'ASP.NET', 'VB.NET', 'Groovy', 'Clojure', 'Zig', 'Fortran', 'COBOL', 'Assembly',
];

const BACKEND = [
  'Gin', 'Echo', 'Beego', 'Iris', 'Fiber', 'Kratos', 'go-zero', 'go-micro', 'GORM', 'gRPC', 'gRPC-Gateway', 'Protobuf', 'Thrift',
  'Spring', 'Spring Boot', 'Spring Cloud', 'Spring Cloud Alibaba', 'Spring MVC', 'Spring Security', 'MyBatis', 'MyBatis-Plus',
  'Hibernate', 'Dubbo', 'Nacos', 'Sentinel', 'Seata', 'Apollo', 'Netty', 'Tomcat', 'JVM', 'JDK', 'Maven', 'Gradle', 'Django',
  'Flask', 'FastAPI', 'Tornado', 'Celery', 'Laravel', 'ThinkPHP', 'Express', 'Koa', 'NestJS', 'Node.js', 'Deno', 'Bun',
  'RESTful', 'GraphQL', 'WebSocket', 'OAuth', 'JWT', 'Consul', 'ZooKeeper', 'RPC', 'ORM', 'Actix', 'Tokio',
];

const INFRA = [
  'Kubernetes', 'K8s', 'Operator', 'CRD', 'client-go', 'controller-runtime', 'kubebuilder', 'Helm', 'Kustomize', 'Docker',
  'containerd', 'CRI-O', 'Podman', 'Istio', 'Envoy', 'Linkerd', 'Cilium', 'Calico', 'Flannel', 'CNI', 'CSI', 'CRI', 'etcd',
  'Raft', 'Paxos', 'Knative', 'Serverless', 'KubeVirt', 'KubeEdge', 'Karmada', 'ArgoCD', 'Argo', 'FluxCD', 'GitOps',
  'Terraform', 'Ansible', 'SaltStack', 'Puppet', 'Jenkins', 'GitLab', 'GitLab CI', 'GitHub Actions', 'CI/CD', 'DevOps',
  'SRE', 'SLO', 'SLA', 'Nginx', 'OpenResty', 'HAProxy', 'LVS', 'Keepalived', 'Linux', 'Ubuntu', 'CentOS', 'TCP/IP',
  'HTTP', 'HTTPS', 'HTTP/2', 'QUIC', 'DNS', 'CDN', 'VPC', 'OpenStack', 'KVM', 'QEMU', 'AWS', 'GCP', 'Azure', '阿里云',
  '腾讯云', '华为云', 'eBPF', 'XDP', 'BTF', 'CO-RE', 'libbpf', 'bcc', 'bpftrace', 'kprobe', 'uprobe', 'tracepoint', 'perf',
  'DPDK', 'RDMA', 'SPDK', 'Solarflare', 'NUMA', 'cgroup', 'namespace', 'Prometheus', 'Grafana', 'Thanos',
  'VictoriaMetrics', 'Zabbix', 'ELK', 'EFK', 'Elasticsearch', 'Logstash', 'Kibana', 'Fluentd', 'Loki', 'Jaeger',
  'Zipkin', 'SkyWalking', 'OpenTelemetry', 'APM', 'on-call',
];

const DATA = [
  'MySQL', 'PostgreSQL', 'Oracle', 'SQL Server', 'SQLite', 'MariaDB', 'TiDB', 'TiKV', 'TiFlash', 'OceanBase', 'PolarDB',
  'GaussDB', 'CockroachDB', 'MongoDB', 'Redis', 'Memcached', 'Cassandra', 'HBase', 'ClickHouse', 'Doris', 'StarRocks',
  'Druid', 'Kylin', 'Presto', 'Trino', 'Impala', 'Greenplum', 'Neo4j', 'InfluxDB', 'TDengine', 'RocksDB', 'LevelDB',
  'LSM-Tree', 'B+树', 'MVCC', 'Kafka', 'RocketMQ', 'RabbitMQ', 'Pulsar', 'ActiveMQ', 'NATS', 'Hadoop', 'HDFS', 'YARN',
  'Hive', 'Spark', 'Spark SQL', 'Spark Streaming', 'PySpark', 'Flink', 'Flink SQL', 'Storm', 'Beam', 'Airflow',
  'DolphinScheduler', 'Azkaban', 'Oozie', 'Sqoop', 'DataX', 'Canal', 'Debezium', 'Iceberg', 'Hudi', 'Delta Lake',
  'Paimon', 'OLAP', 'OLTP', 'ETL', 'ELT', 'BI', 'Tableau', 'Power BI', 'Superset', 'Exactly-Once',
];

const AI = [
  'PyTorch', 'TensorFlow', 'Keras', 'JAX', 'PaddlePaddle', 'MindSpore', 'ONNX', 'TensorRT', 'TensorRT-LLM', 'Triton',
  'Triton Inference Server', 'KServe', 'TorchServe', 'vLLM', 'SGLang', 'Ray', 'Kubeflow', 'MLflow', 'Volcano', 'CUDA',
  'cuDNN', 'NCCL', 'Megatron', 'DeepSpeed', 'FSDP', 'GPU', 'TPU', 'NPU', 'FPGA', 'MLOps', 'LLM', 'AIGC', 'RAG', 'Agent',
  'LangChain', 'LlamaIndex', 'Transformer', 'BERT', 'GPT', 'LoRA', 'SFT', 'RLHF', 'DPO', 'Prompt', 'KV Cache', 'NLP', 'CV',
  'OCR', 'ASR', 'TTS', 'CTR', 'CVR', 'DeepFM', 'DIN', 'MMoE', 'XGBoost', 'LightGBM', 'scikit-learn', 'Pandas', 'NumPy',
  'OpenCV', 'Hugging Face', 'Stable Diffusion', 'A/B测试', 'A/B实验',
];

const FRONTEND_MOBILE = [
  'Vue', 'Vue.js', 'Vue Router', 'Vuex', 'Pinia', 'Nuxt', 'Nuxt.js', 'React', 'React.js', 'React Native', 'Redux', 'MobX',
  'Next.js', 'Angular', 'Svelte', 'jQuery', 'Webpack', 'Vite', 'Rollup', 'esbuild', 'Babel', 'ESLint', 'npm', 'pnpm',
  'Element UI', 'Element Plus', 'Ant Design', 'Tailwind', 'Sass', 'Less', 'ECharts', 'D3.js', 'Three.js', 'WebGL',
  'Canvas', 'SVG', 'Electron', 'uni-app', 'Taro', 'Flutter', 'Android', 'iOS', 'HarmonyOS', 'OpenHarmony', 'Jetpack',
  'Jetpack Compose', 'SwiftUI', 'UIKit', 'OkHttp', 'Retrofit', 'RxJava', 'Alamofire', 'Xcode', 'Android Studio', 'ANR',
  'OOM', 'BFF', 'SSR', 'PWA', 'SPA', 'UI', 'UX', 'App', 'Figma', 'Axure', 'Sketch', 'Visio', 'PRD', 'MRD', 'B端', 'C端',
  'G端', 'To B', 'To C', 'SaaS', 'PaaS', 'IaaS', 'ERP', 'CRM', 'OA', 'MES', 'WMS', 'SCRM', 'PMP',
];

const TESTING_FINTECH_MISC = [
  'Selenium', 'Appium', 'Pytest', 'JUnit', 'TestNG', 'Mockito', 'Postman', 'JMeter', 'LoadRunner', 'Locust', 'Cypress',
  'Playwright', 'Jest', 'Vitest', 'JIRA', 'Confluence', 'ISTQB', 'QA', 'CTP', 'FIX', 'FAST', 'HFT', 'Git', 'SVN', 'IDEA',
  'VS Code', 'Vim', 'IoT', 'MQTT', '5G', '4G', '3D', 'AR', 'VR', 'ROS', 'SLAM', 'CAN', 'AUTOSAR', 'RTOS', 'ARM', 'x86',
  'RISC-V', 'STM32', 'PCB', 'Web3', 'CKA', 'CKAD', 'CNCF', 'ACM', 'ICPC', 'KDD', 'NeurIPS', 'ACL', 'VLDB', 'SIGMOD',
];

const CHINESE_TERMS = [
  '微服务', '云原生', '可观测性', '服务网格', '容器化', '高并发', '高可用', '分布式', '分布式事务', '分布式系统', '中间件',
  '消息队列', '负载均衡', '限流熔断', '链路追踪', '灰度发布', '服务治理', '服务发现', '注册中心', '配置中心', '数据库内核',
  '存储引擎', '查询优化器', '执行引擎', '一致性协议', '数据仓库', '数仓', '数据湖', '湖仓一体', '实时计算', '离线计算',
  '数据治理', '数据血缘', '元数据', '数据质量', '维度建模', '用户画像', '特征工程', '推荐算法', '推荐系统', '搜索算法',
  '机器学习', '深度学习', '强化学习', '大模型', '大语言模型', '多模态', '推理优化', '推理服务', '模型服务', '模型部署',
  '模型量化', '算子融合', '分布式训练', '算力调度', '高频交易', '量化交易', '量化投资', '低延迟', '交易网关', '交易系统',
  '风控系统', '行情系统', '柜台系统', '极速交易', '无锁编程', '内核旁路', '自动化测试', '接口测试', '性能测试', '功能测试',
  '回归测试', '压力测试', '测试用例', '测试开发', '持续集成', '持续交付', '基础设施即代码', '运维开发', '故障排查',
  '稳定性保障', '监控告警', '前端工程化', '组件库', '小程序', '微信小程序', '跨端', '可视化', '大屏', '首屏加载',
  '中后台', '前后端分离', '鸿蒙', '客户端', '移动端', '服务端', '后端', '前端', '全栈', '产品经理', '产品规划', '需求分析',
  '原型设计', '用户体验', '竞品分析', '数据分析', '项目管理', '商业化', '用户增长', '供应链', '电商', '金融科技',
  '信创', '国产化', '网络安全', '渗透测试', '嵌入式', '自动驾驶', '音视频', '即时通讯',
];

/** All built-in terms, as written in JDs. */
export const TECH_TERMS: readonly string[] = [
  ...LANGUAGES, ...BACKEND, ...INFRA, ...DATA, ...AI, ...FRONTEND_MOBILE, ...TESTING_FINTECH_MISC, ...CHINESE_TERMS,
];

/**
 * Built-in synonyms, folded after case folding (keys and values in canonical
 * form). Values must be canonical tokens themselves.
 */
export const TECH_SYNONYMS: Readonly<Record<string, string>> = {
  golang: 'go',
  k8s: 'kubernetes',
  kube: 'kubernetes',
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  cpp: 'c++',
  'c/c++': 'c++',
  csharp: 'c#',
  dotnet: '.net',
  'vue.js': 'vue',
  vuejs: 'vue',
  'react.js': 'react',
  reactjs: 'react',
  nodejs: 'node.js',
  node: 'node.js',
  'nuxt.js': 'nuxt',
  'next.js': 'nextjs',
  postgres: 'postgresql',
  pgsql: 'postgresql',
  pg: 'postgresql',
  mongo: 'mongodb',
  es: 'elasticsearch',
  ck: 'clickhouse',
  tf: 'tensorflow',
  torch: 'pytorch',
  sklearn: 'scikit-learn',
  'a/b实验': 'a/b测试',
  ab测试: 'a/b测试',
  'ci-cd': 'ci/cd',
  cicd: 'ci/cd',
  'gitlab-ci': 'gitlab',
  'triton-inference-server': 'triton',
  llm: '大模型',
  大语言模型: '大模型',
  ml: '机器学习',
  dl: '深度学习',
  harmonyos: '鸿蒙',
  openharmony: '鸿蒙',
  鸿蒙系统: '鸿蒙',
  'to-b': 'b端',
  'to-c': 'c端',
  tob: 'b端',
  toc: 'c端',
  前端开发: '前端',
  web前端: '前端',
  后端开发: '后端',
  后台开发: '后端',
  后台: '后端',
  服务端: '后端',
  服务器端: '后端',
  数仓: '数据仓库',
  微服务架构: '微服务',
  运维开发: 'devops',
  'on-call': 'oncall',
  uniapp: 'uni-app',
  gozero: 'go-zero',
};
